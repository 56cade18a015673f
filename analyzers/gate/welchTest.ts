/**
 * Welch's t-test, one-sided, for "the candidate is worse than the baseline by more than `margin`":
 * H0 says the difference of the means (in the worse direction) is at most `margin`. Unequal
 * variances and small samples (3–5 CI runs per side) are the normal case, which is what Welch's
 * test is for; a Mann–Whitney U test needs more runs (with 3 against 3 its smallest one-sided p is
 * 1/20 = 0.05, so it could never reject at α = 0.05).
 */
export interface WelchResult {
  t: number;
  df: number;
  /** One-sided p-value of H0 (worse by no more than the margin). */
  p: number;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: readonly number[], m: number) => xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);

/** `worse` and `better` are oriented so that larger is worse; each needs at least 2 values. */
export function welchWorseBy(baseline: readonly number[], candidate: readonly number[], margin: number): WelchResult {
  const mb = mean(baseline);
  const mc = mean(candidate);
  const vb = variance(baseline, mb) / baseline.length;
  const vc = variance(candidate, mc) / candidate.length;
  const se = Math.sqrt(vb + vc);
  const d = mc - mb - margin;
  if (se === 0) return { t: d > 0 ? Infinity : d < 0 ? -Infinity : 0, df: baseline.length + candidate.length - 2, p: d > 0 ? 0 : 1 };
  const t = d / se;
  const df = (vb + vc) ** 2 / (vb ** 2 / (baseline.length - 1) + vc ** 2 / (candidate.length - 1));
  return { t, df, p: 1 - studentTCdf(t, df) };
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom, through the regularized incomplete beta. */
export function studentTCdf(t: number, df: number): number {
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Lanczos approximation of ln Γ(x) (Numerical Recipes, 3rd ed., §6.1). */
function logGamma(x: number): number {
  // The published coefficients, quoted as printed; doubles round the last digits either way.
  // eslint-disable-next-line no-loss-of-precision
  const c = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.001208650973866179, -0.000005395239384953];
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let ser = 1.000000000190015;
  for (const ci of c) ser += ci / ++y;
  // eslint-disable-next-line no-loss-of-precision
  return -tmp + Math.log((2.5066282746310005 * ser) / x);
}

/** I_x(a, b) by its continued fraction (Numerical Recipes §6.4), using the symmetry for fast convergence. */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(x, a, b)) / a : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 200; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-12) break;
  }
  return h;
}
