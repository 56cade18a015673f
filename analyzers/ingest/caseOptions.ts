import type { Bytes } from '../core/units';

/**
 * What the user tells the analysis that the files cannot: the day a chat timeline's "17:00:01"
 * belongs to, the memory limit an OOM projection aims at. Every field is optional; capabilities
 * fall back to documented defaults.
 */
export interface CaseOptions {
  /** `YYYY-MM-DD` (UTC) anchoring time-of-day-only timelines; "Day 2" is the day after. */
  anchorDate?: string;
  /** The container or host memory limit used for OOM ETAs and "memory > 85 % of limit". */
  memoryLimitBytes?: Bytes;
}

const ANCHOR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Validates options that crossed a trust boundary (IPC, HTTP, the command line). Returns an error
 * message instead of throwing so each host can answer in its own way.
 */
export function parseCaseOptions(value: unknown): { options: CaseOptions } | { error: string } {
  if (value === undefined || value === null) return { options: {} };
  if (typeof value !== 'object' || Array.isArray(value)) return { error: 'options must be an object' };
  const { anchorDate, memoryLimitBytes, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return { error: `unknown option '${unknown[0]}'` };
  const options: CaseOptions = {};
  if (anchorDate !== undefined) {
    if (typeof anchorDate !== 'string' || !ANCHOR_DATE.test(anchorDate) || Number.isNaN(Date.parse(anchorDate))) {
      return { error: `anchor date must be YYYY-MM-DD (got '${String(anchorDate)}')` };
    }
    options.anchorDate = anchorDate;
  }
  if (memoryLimitBytes !== undefined) {
    if (typeof memoryLimitBytes !== 'number' || !Number.isFinite(memoryLimitBytes) || memoryLimitBytes <= 0) {
      return { error: `memory limit must be a positive number of bytes (got '${String(memoryLimitBytes)}')` };
    }
    options.memoryLimitBytes = memoryLimitBytes as Bytes;
  }
  return { options };
}

const SIZE = /^(\d+(?:\.\d+)?)\s*([KMGT]i?B?|B)?$/i;
const POWERS: Record<string, number> = { '': 0, B: 0, K: 1, M: 2, G: 3, T: 4 };

/** `8G`, `512MiB`, `1073741824` → bytes (binary multiples, as memory limits are set). */
export function parseByteSize(text: string): Bytes | undefined {
  const m = SIZE.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? '').charAt(0).toUpperCase();
  return (Number(m[1]) * 1024 ** (POWERS[unit] ?? 0)) as Bytes;
}
