/** An append-only list of numbers in a Float64Array that doubles when full (for sections of unknown length). */
export class GrowableNumbers {
  /** The values are `data[0 .. length - 1]`; a hot loop may write there itself, calling `grow` when full. */
  data: Float64Array;
  length = 0;

  /** A good guess of the final length saves the doublings' copies. */
  constructor(initialCapacity = 1024) {
    this.data = new Float64Array(Math.max(16, initialCapacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = value;
  }

  /** Twice the room, the values kept; returns the new `data`. */
  grow(): Float64Array {
    const next = new Float64Array(this.data.length * 2);
    next.set(this.data);
    return (this.data = next);
  }

  /** A right-sized copy; the list can be dropped afterwards. */
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }

  /** The values without a copy, for a reader done with them before the list goes (it holds the whole capacity). */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
