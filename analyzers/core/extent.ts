/**
 * The smallest and largest of the values, or undefined when there are none. A loop, not
 * `Math.min(...values)`: spreading hundreds of thousands of values (one per event of a long log)
 * overflows the call stack.
 */
export function extent(values: Iterable<number>): { lo: number; hi: number } | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? { lo, hi } : undefined;
}
