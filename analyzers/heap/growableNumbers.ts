/** An append-only list of numbers in a Float64Array that doubles when full (for sections of unknown length). */
export class GrowableNumbers {
  private data: Float64Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Float64Array(Math.max(16, initialCapacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** A right-sized copy; the list can be dropped afterwards. */
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}
