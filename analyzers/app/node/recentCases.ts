/** How many cases a query or export process keeps loaded; the host mirrors the same policy to know what it holds. */
export const RECENT_CASES = 4;

/**
 * The few most recently queried or exported cases, least recent evicted first. The host and its process
 * apply the same sequence of `get` and `set` calls, so the host knows when the case must travel again.
 */
export class RecentCases<V> {
  private readonly entries = new Map<string, V>();

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > RECENT_CASES) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }
}
