/**
 * Keeps the shape of a long series in at most ~`maxPoints` points: the min and the max of each time
 * bucket, in time order, so a one-sample spike (an OOM drop, a stampede's miss burst) survives at any
 * zoom, which averaging or every-nth sampling would lose. Non-finite points are left out. Used for
 * the timeline view and again for the report's charts.
 */
export function downsampleMinMax<T extends number>(t: readonly T[], v: readonly number[], maxPoints: number): { t: T[]; v: number[] } {
  const finite: number[] = [];
  for (let i = 0; i < v.length; i++) if (Number.isFinite(v[i]) && Number.isFinite(t[i])) finite.push(i);
  if (finite.length <= maxPoints) return { t: finite.map((i) => t[i]), v: finite.map((i) => v[i]) };
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const start = t[finite[0]];
  const span = t[finite[finite.length - 1]] - start || 1;
  const out = { t: [] as T[], v: [] as number[] };
  let b = 0;
  let lo = -1;
  let hi = -1;
  const flush = () => {
    if (lo < 0) return;
    for (const i of lo === hi ? [lo] : lo < hi ? [lo, hi] : [hi, lo]) {
      out.t.push(t[i]);
      out.v.push(v[i]);
    }
    lo = hi = -1;
  };
  for (const i of finite) {
    const bucket = Math.min(buckets - 1, Math.floor(((t[i] - start) / span) * buckets));
    if (bucket !== b) {
      flush();
      b = bucket;
    }
    if (lo < 0 || v[i] < v[lo]) lo = i;
    if (hi < 0 || v[i] > v[hi]) hi = i;
  }
  flush();
  return out;
}
