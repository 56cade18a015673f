import { median } from '../core/median';

/** Index runs where `test(i)` holds; runs closer than `mergeGapSamples` samples are one run. */
export function runsWhere(n: number, test: (i: number) => boolean, mergeGapSamples = 2): { from: number; to: number }[] {
  const runs: { from: number; to: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (!test(i)) continue;
    const last = runs[runs.length - 1];
    if (last && i - last.to <= mergeGapSamples + 1) last.to = i;
    else runs.push({ from: i, to: i });
  }
  return runs;
}


/** The typical sampling interval; a run of one sample lasts this long. */
export function medianStepMs(t: readonly number[]): number {
  const steps: number[] = [];
  for (let i = 1; i < t.length; i++) steps.push(t[i] - t[i - 1]);
  return steps.length ? median(steps) : 0;
}

/** Index of the first time ≥ `ms` (t sorted); `t.length` when none. */
export function indexAtOrAfter(t: readonly number[], ms: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid] < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function maxOf(v: readonly number[], from = 0, to = v.length - 1): { value: number; index: number } {
  let index = from;
  for (let i = from + 1; i <= to; i++) if (v[i] > v[index]) index = i;
  return { value: v[index], index };
}

/**
 * For every sample i, the minimum (or maximum) of the samples whose time lies in
 * [t_i − fromAgoMs, t_i − toAgoMs): a window that trails each point. Monotonic deque, O(n) in
 * all. Rules use it to skip the exact (median) test where it cannot succeed. NaN for an empty window.
 */
export function trailingExtreme(t: readonly number[], v: readonly number[], fromAgoMs: number, toAgoMs: number, kind: 'min' | 'max'): Float64Array {
  const out = new Float64Array(v.length);
  const deque: number[] = [];
  let head = 0;
  let next = 0;
  const better = kind === 'min' ? (a: number, b: number) => a <= b : (a: number, b: number) => a >= b;
  for (let i = 0; i < v.length; i++) {
    while (next < v.length && t[next] < t[i] - toAgoMs) {
      while (deque.length > head && better(v[next], v[deque[deque.length - 1]])) deque.pop();
      deque.push(next++);
    }
    while (head < deque.length && t[deque[head]] < t[i] - fromAgoMs) head++;
    out[i] = head < deque.length ? v[deque[head]] : NaN;
  }
  return out;
}
