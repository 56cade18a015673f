/**
 * Values over time in at most `maxBuckets` buckets of equal width, for a stream whose duration is
 * unknown until it ends: when time runs past the last bucket, the width doubles and neighbouring
 * buckets merge. Each bucket holds the value at its end, so a merged bucket keeps the later one.
 * Memory is O(series × maxBuckets) whatever the length of the stream.
 */
export class BucketedSeries {
  private width = 1;
  private start: number | undefined;
  private lastBucket = 0;
  private readonly values: number[][] = [];
  private readonly current: number[] = [];
  /** Events whose time was earlier than an event before them; they count in the latest bucket. */
  outOfOrder = 0;

  constructor(private readonly maxBuckets = 256) {}

  /** Adds a series (starting at 0) and returns its index. */
  addSeries(): number {
    this.values.push([]);
    this.current.push(0);
    return this.values.length - 1;
  }

  /** Records that series `s` changed by `delta` at time `t` (in the stream's own unit). */
  add(s: number, t: number, delta: number): void {
    if (this.start === undefined) this.start = t;
    let b = Math.floor((t - this.start) / this.width);
    while (b >= this.maxBuckets) {
      this.coarsen();
      b = Math.floor((t - this.start) / this.width);
    }
    if (b < this.lastBucket) {
      this.outOfOrder++;
      b = this.lastBucket;
    }
    this.lastBucket = b;
    const series = this.values[s];
    const before = this.current[s];
    while (series.length < b) series.push(before);
    const after = before + delta;
    this.current[s] = after;
    series[b] = after;
  }

  valueOf(s: number): number {
    return this.current[s];
  }

  private coarsen(): void {
    this.width *= 2;
    for (let s = 0; s < this.values.length; s++) {
      const old = this.values[s];
      const merged: number[] = [];
      for (let i = 0; 2 * i < old.length; i++) merged.push(old[Math.min(2 * i + 1, old.length - 1)]);
      this.values[s] = merged;
    }
    this.lastBucket = Math.floor(this.lastBucket / 2);
  }

  /** The series, each filled up to the last bucket; times are bucket ends in the stream's unit. */
  snapshot(): { start: number; width: number; bucketEnds: number[]; series: number[][] } {
    const n = this.start === undefined ? 0 : this.lastBucket + 1;
    // A series keeps its last value until it changes again, so the tail is its current value.
    const series = this.values.map((v, s) => {
      const filled = v.slice(0, n);
      while (filled.length < n) filled.push(this.current[s]);
      return filled;
    });
    const start = this.start ?? 0;
    const bucketEnds = Array.from({ length: n }, (_, i) => start + (i + 1) * this.width);
    return { start, width: this.width, bucketEnds, series };
  }
}
