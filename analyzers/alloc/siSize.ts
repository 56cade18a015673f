import { bytes, type Bytes } from '../core/units';

const SI_SIZE = /^(-?\d+(?:\.\d+)?)([KMGTPE]?)B?$/;
const POWER: Record<string, number> = { '': 0, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 };

/**
 * heaptrack_print's sizes (`896B`, `1.02K`, `-4.35K`, `4.11M`): decimal (SI) multiples, as its
 * totals show (24752 bytes print as `24.75K`). Undefined when the text is not a size.
 */
export function parseSiSize(text: string): Bytes | undefined {
  const m = SI_SIZE.exec(text.trim());
  if (!m) return undefined;
  return bytes(Math.round(Number(m[1]) * 1000 ** POWER[m[2]]));
}

/** The largest rounding error of a printed SI size (two decimals of its unit). */
export function siRoundingError(text: string): number {
  const m = SI_SIZE.exec(text.trim());
  return m && m[2] ? 0.005 * 1000 ** POWER[m[2]] : 0.5;
}
