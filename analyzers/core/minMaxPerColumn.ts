/** First index whose time is ≥ `ms` (t ascending); t.length when there is none. */
function firstAtOrAfter(t: readonly number[], ms: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The points of a series to draw over `[fromMs, toMs]` on `columns` pixel columns: in each column its
 * lowest and its highest point (in time order), so a one-sample spike shows at every zoom level while
 * the points drawn stay under two per pixel however long the series. The last point before the range
 * and the first after it are kept, so the line runs to the chart's edges. `t` is ascending; points
 * whose value is not finite are left out.
 */
export function minMaxPerColumn<T extends number>(t: readonly T[], v: readonly number[], fromMs: number, toMs: number, columns: number): { t: T[]; v: number[] } {
  const out = { t: [] as T[], v: [] as number[] };
  const push = (i: number) => {
    out.t.push(t[i]);
    out.v.push(v[i]);
  };
  const start = firstAtOrAfter(t, fromMs);
  let end = firstAtOrAfter(t, toMs);
  while (end < t.length && t[end] === toMs) end++;
  for (let i = start - 1; i >= 0; i--) {
    if (Number.isFinite(v[i])) {
      push(i);
      break;
    }
  }
  const lastColumn = Math.max(1, Math.floor(columns)) - 1;
  const width = (toMs - fromMs) / (lastColumn + 1);
  let column = -1;
  let lo = -1;
  let hi = -1;
  const flush = () => {
    if (lo < 0) return;
    if (lo === hi) push(lo);
    else for (const i of lo < hi ? [lo, hi] : [hi, lo]) push(i);
    lo = hi = -1;
  };
  for (let i = start; i < end; i++) {
    if (!Number.isFinite(v[i])) continue;
    // A point at toMs itself belongs to the last column, not to one past it.
    const c = width > 0 ? Math.min(lastColumn, Math.floor((t[i] - fromMs) / width)) : 0;
    if (c !== column) {
      flush();
      column = c;
    }
    if (lo < 0 || v[i] < v[lo]) lo = i;
    if (hi < 0 || v[i] > v[hi]) hi = i;
  }
  flush();
  for (let i = end; i < t.length; i++) {
    if (Number.isFinite(v[i])) {
      push(i);
      break;
    }
  }
  return out;
}
