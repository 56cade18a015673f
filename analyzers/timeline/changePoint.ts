import { linearFit, type LinearFit } from '../core/linearFit';

/**
 * Where a series that was level starts to climb: the split k minimising the squared error of a
 * constant before k plus a straight line from k on (a two-segment least-squares fit, found in
 * O(n) with prefix sums). Returns the split and the fit of the climbing part.
 */
export function flatThenLinear(x: readonly number[], y: readonly number[], minPoints = 4): { index: number; fit: LinearFit } | undefined {
  const n = Math.min(x.length, y.length);
  if (n < 2 * minPoints) return undefined;
  // Suffix sums for the line part, prefix sums for the level part.
  const sx = new Float64Array(n + 1);
  const sy = new Float64Array(n + 1);
  const sxx = new Float64Array(n + 1);
  const sxy = new Float64Array(n + 1);
  const syy = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    sx[i] = sx[i + 1] + x[i];
    sy[i] = sy[i + 1] + y[i];
    sxx[i] = sxx[i + 1] + x[i] * x[i];
    sxy[i] = sxy[i + 1] + x[i] * y[i];
    syy[i] = syy[i + 1] + y[i] * y[i];
  }
  let best = -1;
  let bestSse = Infinity;
  let py = 0;
  let pyy = 0;
  for (let k = 0; k <= n - minPoints; k++) {
    if (k >= minPoints || k === 0) {
      const flat = k === 0 ? 0 : pyy - (py * py) / k;
      const m = n - k;
      const cxx = sxx[k] - (sx[k] * sx[k]) / m;
      const cxy = sxy[k] - (sx[k] * sy[k]) / m;
      const cyy = syy[k] - (sy[k] * sy[k]) / m;
      const line = cxx > 0 ? cyy - (cxy * cxy) / cxx : cyy;
      if (flat + line < bestSse) {
        bestSse = flat + line;
        best = k;
      }
    }
    py += y[k];
    pyy += y[k] * y[k];
  }
  if (best < 0) return undefined;
  return { index: best, fit: linearFit(x.slice(best, n), y.slice(best, n)) };
}
