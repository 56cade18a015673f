import type { EpochMillis } from '../../core/units';
import { parseTimestamp } from '../timeParse';

// `date -Is` (2026-12-03T21:38:46+00:00), `date -u +%FT%T.%3NZ`, `date '+%F %T'`, `date +%s[.%N]`.
const STAMP = /^(?:\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?|\d{10}(?:\.\d+)?)$/i;

/** A line that holds only a time stamp, as a capture loop writes before each capture; else undefined. */
export function stampLine(text: string): EpochMillis | undefined {
  const t = text.trim();
  return STAMP.test(t) ? parseTimestamp(t.replace(',', '.'))?.ms : undefined;
}

/**
 * The clock of a capture loop's log: `while sleep 10; do date -Is; cat /proc/PID/status; done`
 * writes a time stamp line and then one capture, again and again. A parser feeds every line here
 * first; a stamp line ends the capture before it and dates the next one.
 */
export class CaptureClock {
  /** The time of the capture being read; undefined before the first stamp. */
  atMs: EpochMillis | undefined;
  stamps = 0;

  /** True when the line was a time stamp (and is consumed). */
  read(text: string): boolean {
    const ms = stampLine(text);
    if (ms === undefined) return false;
    this.atMs = ms;
    this.stamps++;
    return true;
  }
}

/** How the docs tell people to capture a series of one file, for errors about undated captures. */
export const captureLoop = (command: string) => `\`while sleep 10; do date -Is; ${command}; done > capture.log\``;
