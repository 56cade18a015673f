import type { EpochMillis } from '../core/units';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export interface ParsedTime {
  ms: EpochMillis;
  /** True when the text had a date and time but no zone, and UTC was assumed. */
  assumedUtc: boolean;
}

/**
 * Epoch numbers by magnitude (seconds until 1e11, i.e. year 5138; then ms, µs, ns) and ISO 8601
 * with `T` or a space. `Date.parse` is not used for zone-less text because it reads it as local
 * time, which would make the result depend on the machine.
 */
export function parseTimestamp(value: unknown): ParsedTime | undefined {
  if (typeof value === 'number') return plausible(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^-?\d+(?:\.\d+)?$/.test(text)) return plausible(Number(text));
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, frac ? Math.round(Number(frac) * 1000) : 0);
  if (Number.isNaN(ms)) return undefined;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')) * 60_000;
  }
  return { ms: ms as EpochMillis, assumedUtc: !zone && m[4] !== undefined };
}

/** Past this an epoch number is damage (`1e26`), not a time: the year 2200. */
const LATEST_MS = Date.UTC(2200, 0, 1);

/** An epoch number (s, ms, µs or ns by its size) as a time, or undefined when no clock wrote it. */
function plausible(n: number): ParsedTime | undefined {
  if (!Number.isFinite(n)) return undefined;
  const ms = epochFromNumber(n);
  return ms >= 0 && ms <= LATEST_MS ? { ms, assumedUtc: false } : undefined;
}

function epochFromNumber(n: number): EpochMillis {
  const a = Math.abs(n);
  const ms = a < 1e11 ? n * 1000 : a < 1e14 ? n : a < 1e17 ? n / 1000 : n / 1e6;
  return Math.round(ms) as EpochMillis;
}

/** `HH:MM[:SS[.mmm]]` → ms since midnight, or undefined when a field is out of range. */
export function msOfDay(h: string, m: string, s = '0', frac = ''): number | undefined {
  const hh = Number(h);
  const mm = Number(m);
  const ss = Number(s);
  if (hh > 23 || mm > 59 || ss > 60) return undefined;
  return ((hh * 60 + mm) * 60 + ss) * 1000 + (frac ? Math.round(Number(`0.${frac}`) * 1000) : 0);
}

export const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `YYYY-MM-DD` → midnight UTC of that day. */
export function dayStartMs(isoDate: string): EpochMillis {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Date.UTC(y, m - 1, d) as EpochMillis;
}

export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
