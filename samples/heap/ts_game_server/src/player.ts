import type { EventEmitter } from 'node:events';
import type { Guild } from './guild';

/** A connected player. Its level-up handler closes over the player itself. */
export class Player {
  level = 1;
  xp = 0;
  readonly friends: Player[] = [];
  readonly inventory: string[] = [];
  readonly onLevelUp: () => void;

  constructor(
    readonly id: number,
    readonly guild: Guild,
    bus: EventEmitter,
  ) {
    // The closure captures `this`: Player -> onLevelUp -> context -> Player.
    this.onLevelUp = () => {
      this.level++;
      bus.emit('levelUp', this.id, this.level);
    };
    bus.on('tick', this.onLevelUp);
  }
}
