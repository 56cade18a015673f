/** The result of one match, kept so that recent matches can be shown again. */
export class MatchResult {
  readonly scores: number[];
  constructor(
    readonly id: number,
    players: number,
  ) {
    this.scores = Array.from({ length: players }, (_, i) => (id * 31 + i) % 100);
  }
}

/** A cache of recent matches bounded by `capacity`: it grows until it is full, then stays that size. */
export class MatchCache {
  private readonly entries = new Map<number, MatchResult>();
  constructor(private readonly capacity: number) {}

  remember(result: MatchResult): void {
    this.entries.set(result.id, result);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
