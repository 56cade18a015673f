/**
 * Min/max decimation for charts: the points are cut into `maxPoints / 2` buckets by index and each
 * bucket keeps its lowest and its highest point, in time order. Unlike averaging or every-nth
 * sampling, a one-sample spike (an OOM drop, a latency peak) survives at any zoom.
 */
export function downsampleMinMax<T extends number>(t: readonly T[], v: readonly number[], maxPoints = 2000): { t: T[]; v: number[] } {
  const n = Math.min(t.length, v.length);
  if (n <= maxPoints) return { t: t.slice(0, n), v: v.slice(0, n) };
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const outT: T[] = [];
  const outV: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    if (to <= from) continue;
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < to; i++) {
      if (v[i] < v[lo]) lo = i;
      if (v[i] > v[hi]) hi = i;
    }
    const first = Math.min(lo, hi);
    const second = Math.max(lo, hi);
    outT.push(t[first]);
    outV.push(v[first]);
    if (second !== first) {
      outT.push(t[second]);
      outV.push(v[second]);
    }
  }
  return { t: outT, v: outV };
}
