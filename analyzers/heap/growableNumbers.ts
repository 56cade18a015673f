/** What a number section is read into: 32-bit integers while every value fits, doubles after. */
export type NumberArray = Int32Array | Float64Array;

/**
 * An append-only list of numbers that doubles when full (for sections of unknown length). It holds
 * them in an Int32Array until one does not fit (a timestamp in µs past 35 minutes), then in a
 * Float64Array: a section of a million locations touches half the memory, which this VM charges for
 * on first touch, and it lingers until a GC frees it.
 */
export class GrowableNumbers {
  /** The values are `data[0 .. length - 1]`; a hot loop may write there itself, calling `grow` when full and `widen` for a value an Int32Array cannot hold. */
  data: NumberArray;
  length = 0;

  /** A good guess of the final length saves the doublings' copies. */
  constructor(initialCapacity = 1024) {
    this.data = new Int32Array(Math.max(16, initialCapacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    if ((value | 0) !== value) this.widen();
    this.data[this.length++] = value;
  }

  /** Twice the room, the values kept; returns the new `data`. */
  grow(): NumberArray {
    const next = this.data instanceof Int32Array ? new Int32Array(this.data.length * 2) : new Float64Array(this.data.length * 2);
    next.set(this.data);
    return (this.data = next);
  }

  /** Doubles from now on, the values kept; returns the new `data` (itself when it holds doubles already). */
  widen(): Float64Array {
    if (this.data instanceof Float64Array) return this.data;
    const next = new Float64Array(this.data.length);
    next.set(this.data);
    return (this.data = next);
  }

  /** A right-sized copy in doubles; the list can be dropped afterwards. */
  toArray(): Float64Array {
    return Float64Array.from(this.data.subarray(0, this.length));
  }

  /** The values without a copy, for a reader done with them before the list goes (it holds the whole capacity). */
  view(): NumberArray {
    return this.data.subarray(0, this.length);
  }
}
