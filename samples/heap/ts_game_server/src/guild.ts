import type { Player } from './player';

export class Guild {
  readonly members: Player[] = [];
  constructor(readonly name: string) {}
}
