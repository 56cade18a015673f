import { shownValue } from '../core/shownValue';
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
  /**
   * When the host booted (ISO 8601, UTC when no zone is given): places plain `dmesg` lines, which
   * count seconds since boot, on the clock.
   */
  bootTime?: string;
  /** Alert thresholds of the timeline's breach rule, where the team's own differ from the defaults. */
  thresholds?: AlertThresholds;
  /** Longest line a text input may have (default 16 MiB); longer ones are skipped with a notice. */
  maxLineBytes?: Bytes;
  /** How many times its size a gzip input may inflate to (default 50) before it is refused as a bomb. */
  maxInflateRatio?: number;
  /**
   * Source maps for the scripts in heap snapshots: `.map` files or folders holding them (searched
   * recursively), read from disk only — a map URL in a script is never fetched.
   */
  sourceMaps?: string[];
}

/**
 * The limits an on-call rotation pages on (CPU %, memory % of its limit, P99 in ms, error rate %),
 * and the ones a load test's step must meet before the next step (P99 in ms, error rate %).
 */
export interface AlertThresholds {
  cpuPercent?: number;
  memoryPercentOfLimit?: number;
  p99Ms?: number;
  errorRatePercent?: number;
  loadP99Ms?: number;
  loadErrorPercent?: number;
}

/** What the detection rules page on when the team set nothing (the form shows them as placeholders). */
export const DEFAULT_ALERT_THRESHOLDS: Readonly<Required<AlertThresholds>> = {
  cpuPercent: 90,
  memoryPercentOfLimit: 85,
  p99Ms: 1000,
  errorRatePercent: 1,
  loadP99Ms: 1000,
  loadErrorPercent: 1,
};

const THRESHOLD_NAMES: Record<string, keyof AlertThresholds> = {
  cpu: 'cpuPercent',
  memory: 'memoryPercentOfLimit',
  p99: 'p99Ms',
  errors: 'errorRatePercent',
  'load-p99': 'loadP99Ms',
  'load-errors': 'loadErrorPercent',
};

/** `cpu=95,memory=90,p99=2000,errors=2` (the CLI's `--thresholds`) → thresholds, or what is wrong. */
export function parseThresholdList(text: string): { thresholds: AlertThresholds } | { error: string } {
  const thresholds: AlertThresholds = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([\w-]+)=(\d+(?:\.\d+)?)$/.exec(part);
    const key = m ? THRESHOLD_NAMES[m[1]] : undefined;
    if (!m || !key) return { error: `thresholds are name=value pairs of ${Object.keys(THRESHOLD_NAMES).join(', ')} (got '${part}')` };
    thresholds[key] = Number(m[2]);
  }
  return { thresholds };
}

function checkThresholds(value: unknown): { thresholds: AlertThresholds } | { error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'thresholds must be an object' };
  const fields = Object.values(THRESHOLD_NAMES) as string[];
  const thresholds: AlertThresholds = {};
  for (const [key, v] of Object.entries(value)) {
    if (!fields.includes(key)) return { error: `unknown threshold '${key}'` };
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return { error: `threshold ${key} must be a positive number` };
    if ((key === 'cpuPercent' || key === 'memoryPercentOfLimit' || key === 'loadErrorPercent') && v > 100) return { error: `threshold ${key} is a percentage (got ${v})` };
    thresholds[key as keyof AlertThresholds] = v;
  }
  return { thresholds };
}

const ANCHOR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Validates options that crossed a trust boundary (IPC, HTTP, the command line). Returns an error
 * message instead of throwing so each host can answer in its own way.
 */
export function parseCaseOptions(value: unknown): { options: CaseOptions } | { error: string } {
  if (value === undefined || value === null) return { options: {} };
  if (typeof value !== 'object' || Array.isArray(value)) return { error: 'options must be an object' };
  const { anchorDate, memoryLimitBytes, thresholds, bootTime, maxLineBytes, maxInflateRatio, sourceMaps, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return { error: `unknown option '${unknown[0]}'` };
  const options: CaseOptions = {};
  if (anchorDate !== undefined) {
    if (typeof anchorDate !== 'string' || !ANCHOR_DATE.test(anchorDate) || Number.isNaN(Date.parse(anchorDate))) {
      return { error: `anchor date must be YYYY-MM-DD (got '${shownValue(anchorDate)}')` };
    }
    options.anchorDate = anchorDate;
  }
  if (memoryLimitBytes !== undefined) {
    if (typeof memoryLimitBytes !== 'number' || !Number.isFinite(memoryLimitBytes) || memoryLimitBytes <= 0) {
      return { error: `memory limit must be a positive number of bytes (got '${shownValue(memoryLimitBytes)}')` };
    }
    options.memoryLimitBytes = memoryLimitBytes as Bytes;
  }
  if (bootTime !== undefined) {
    if (typeof bootTime !== 'string' || bootTimeMs(bootTime) === undefined) {
      return { error: `boot time must be an ISO 8601 date and time such as 2026-03-14T06:12:00Z (got '${shownValue(bootTime)}')` };
    }
    options.bootTime = bootTime;
  }
  if (maxLineBytes !== undefined) {
    if (typeof maxLineBytes !== 'number' || !Number.isInteger(maxLineBytes) || maxLineBytes < 1024) {
      return { error: `line size limit must be a whole number of bytes, at least 1024 (got '${shownValue(maxLineBytes)}')` };
    }
    options.maxLineBytes = maxLineBytes as Bytes;
  }
  if (maxInflateRatio !== undefined) {
    if (typeof maxInflateRatio !== 'number' || !Number.isFinite(maxInflateRatio) || maxInflateRatio < 1) {
      return { error: `inflate ratio limit must be a number of at least 1 (got '${shownValue(maxInflateRatio)}')` };
    }
    options.maxInflateRatio = maxInflateRatio;
  }
  if (sourceMaps !== undefined) {
    if (!Array.isArray(sourceMaps) || sourceMaps.length > 1000 || !sourceMaps.every((p): p is string => typeof p === 'string' && p.length > 0 && p.length <= 4096)) {
      return { error: 'source maps must be a list of file or folder paths' };
    }
    options.sourceMaps = sourceMaps;
  }
  if (thresholds !== undefined) {
    const checked = checkThresholds(thresholds);
    if ('error' in checked) return checked;
    options.thresholds = checked.thresholds;
  }
  return { options };
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** The boot time option in ms since the epoch; a time without a zone is UTC, as the timeline's times are. */
export function bootTimeMs(text: string): number | undefined {
  const t = text.trim();
  if (!ISO_DATE_TIME.test(t)) return undefined;
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(t) ? t : `${t.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? undefined : ms;
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

/**
 * A size as parseByteSize reads it back, in the largest unit that keeps it whole (`1000M`, `8G`), for
 * a field that shows the option set: formatBytes's rounded `1.0 GiB` for 1000 MiB would come back as 1024 MiB.
 */
export function byteSizeText(size: number): string {
  let power = 0;
  while (power < 4 && size !== 0 && size % 1024 ** (power + 1) === 0) power++;
  return `${size / 1024 ** power}${['', 'K', 'M', 'G', 'T'][power]}`;
}
