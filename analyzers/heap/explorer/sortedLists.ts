/** Lists shorter than this are sorted again for each page: cheaper than keeping them. */
const MIN_KEPT = 1024;
/** At most this many entries kept in all (4 bytes each: 32 MiB), the least recently paged dropped first. */
const MAX_ENTRIES = 8 * 2 ** 20;

/**
 * The sorted orders of a snapshot's long lists (a node's dominated objects, its retainers), kept
 * between the pages of one list: without them each page of a node with a million children sorted
 * them all again. Bounded by entries in all; it lives in the explorer, so it goes with its snapshots.
 */
export class SortedLists {
  private readonly kept = new Map<string, Uint32Array>();
  private entries = 0;

  constructor(private readonly maxEntries = MAX_ENTRIES) {}

  /** The list under `key`, sorted by `sort` when it is not kept. */
  get(key: string, sort: () => Uint32Array): Uint32Array {
    const found = this.kept.get(key);
    if (found) {
      // Map order is recency order: the one paged now goes last.
      this.kept.delete(key);
      this.kept.set(key, found);
      return found;
    }
    const list = sort();
    if (list.length < MIN_KEPT || list.length > this.maxEntries) return list;
    this.kept.set(key, list);
    this.entries += list.length;
    for (const [oldest, dropped] of this.kept) {
      if (this.entries <= this.maxEntries) break;
      this.kept.delete(oldest);
      this.entries -= dropped.length;
    }
    return list;
  }

  /** Lists kept and their entries, for the tests. */
  get size(): { lists: number; entries: number } {
    return { lists: this.kept.size, entries: this.entries };
  }
}
