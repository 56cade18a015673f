import { linearFit } from './linearFit';
import { groupDigits } from './numberFormat';

/**
 * `growing`: rises capture after capture, still at the end (unbounded so far); `plateau`: grew, then
 * held its size over the last captures (a cache or pool that reached its bound); `flat`: about the
 * same throughout; `shrinking`: fell overall; `irregular`: changed without a direction a line explains.
 */
export type TrendShape = 'growing' | 'plateau' | 'flat' | 'shrinking' | 'irregular';

/** One quantity over N captures of one process, in capture order, with its fit and its shape. */
export interface CaptureTrend {
  values: number[];
  /** Least-squares change per capture. */
  slopePerCapture: number;
  /** R² of that line (0 for a flat series). */
  r2: number;
  /** Captures at or above the one before them (the first counts): "monotonic in 6 of 6". */
  monotonicCaptures: number;
  shape: TrendShape;
}

/** A tail is held when it moves less than this share of the series' peak (and of its rise). */
const HELD_SHARE = 0.02;
/** A growing series' line explains most of it, and most steps go up. */
const MIN_GROWTH_R2 = 0.8;
const MIN_RISING_SHARE = 0.8;

/**
 * The trend of `values` (one per capture, oldest first). A plateau needs at least four captures:
 * a rise, then three that hold (the last ⌈N/3⌉ + 1, at least three); three captures cannot show that
 * a rise stopped, so there a series is `growing` or not, never `plateau`. `heldShare` widens what
 * counts as holding for estimates that carry their own noise (a sampled profile's bytes).
 */
export function captureTrend(values: readonly number[], heldShare = HELD_SHARE): CaptureTrend {
  const n = values.length;
  const fit = linearFit(
    values.map((_, i) => i),
    values,
  );
  let monotonicCaptures = n > 0 ? 1 : 0;
  let rising = 0;
  for (let i = 1; i < n; i++) {
    if (values[i] >= values[i - 1]) monotonicCaptures++;
    if (values[i] > values[i - 1]) rising++;
  }
  const peak = Math.max(0, ...values.map(Math.abs));
  const tolerance = Math.max(1, peak * Math.max(HELD_SHARE, heldShare));
  const change = n ? values[n - 1] - values[0] : 0;
  return { values: [...values], slopePerCapture: fit.slope, r2: fit.r2, monotonicCaptures, shape: shapeOf(values, change, tolerance, fit.r2, rising) };
}

function shapeOf(values: readonly number[], change: number, tolerance: number, r2: number, rising: number): TrendShape {
  const n = values.length;
  if (n < 2 || Math.abs(change) <= tolerance) return 'flat';
  if (change < 0) return 'shrinking';
  const tail = values.slice(n - Math.max(3, Math.ceil(n / 3) + 1));
  // Within the tolerance is not enough when the tolerance is wide (a sampled estimate): a tail that
  // keeps rising at half the pace of the rise before it has not stopped.
  const tailRate = (tail[tail.length - 1] - tail[0]) / (tail.length - 1);
  const riseRate = (tail[0] - values[0]) / (n - tail.length);
  const held = n >= 4 && Math.max(...tail) - Math.min(...tail) <= tolerance && tail[0] - values[0] > tolerance && tailRate < riseRate / 2;
  if (held) return 'plateau';
  return rising >= Math.ceil((n - 1) * MIN_RISING_SHARE) && r2 >= MIN_GROWTH_R2 ? 'growing' : 'irregular';
}

const SHAPE_TEXT: Record<TrendShape, string> = {
  growing: 'still growing',
  plateau: 'reached a steady size',
  flat: 'flat',
  shrinking: 'shrinking',
  irregular: 'no steady direction',
};

/**
 * "Player +2,000 per snapshot, monotonic in 6 of 6, R² 0.99"; `format` shows the rate in the
 * quantity's unit (bytes, counts), `per` names the capture.
 */
export function describeTrend(name: string, t: CaptureTrend, per: string, format: (v: number) => string = (v) => groupDigits(Math.round(v))): string {
  const sign = t.slopePerCapture >= 0 ? '+' : '−';
  const rate = `${sign}${format(Math.abs(t.slopePerCapture))} per ${per}`;
  const tail = t.shape === 'plateau' || t.shape === 'flat' ? `, ${SHAPE_TEXT[t.shape]} (${format(t.values[t.values.length - 1])})` : t.shape === 'growing' ? '' : `, ${SHAPE_TEXT[t.shape]}`;
  return `${name} ${rate}, monotonic in ${t.monotonicCaptures} of ${t.values.length}, R² ${t.r2.toFixed(2)}${tail}`;
}
