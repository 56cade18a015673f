import { extent } from '../core/extent';
import type { EpochMillis } from '../core/units';
import type { FloatingEvent, FloatingTime, ParsedEvent } from './artifact';
import { dayStartMs, isoDay } from './timeParse';

export interface Anchor {
  /** `YYYY-MM-DD`: Day 1 of chat timelines, and the year of syslog times. */
  date: string;
  /** Why this date: the user's option, or what was assumed. */
  assumed?: string;
  /** When the host of plain `dmesg` lines booted, when known (option, or derived from the case). */
  bootMs?: number;
}

/**
 * The day time-of-day-only inputs belong to: the user's anchor date when given; otherwise the
 * first day of the case's dated inputs; otherwise 1970-01-01, which the notice makes obvious.
 */
export function chooseAnchor(anchorDate: string | undefined, datedMs: readonly number[]): Anchor {
  if (anchorDate) return { date: anchorDate };
  const span = extent(datedMs);
  if (span) {
    const date = isoDay(span.lo);
    return { date, assumed: `the first day of the case’s dated metrics and events (${date})` };
  }
  return { date: '1970-01-01', assumed: 'no date anywhere in the case: 1970-01-01' };
}

export function resolveFloatingTime(at: FloatingTime, anchor: Anchor): EpochMillis | undefined {
  if (at.kind === 'since-boot') return anchor.bootMs === undefined ? undefined : ((anchor.bootMs + at.secondsSinceBoot * 1000) as EpochMillis);
  if (at.kind === 'day-offset') return (dayStartMs(anchor.date) + at.dayOffset * 86_400_000 + at.msOfDay) as EpochMillis;
  const year = Number(anchor.date.slice(0, 4));
  return (Date.UTC(year, at.month, at.day) + at.msOfDay) as EpochMillis;
}

/** Places what the anchor can place; the rest (seconds since an unknown boot) stays unplaced. */
export function resolveFloating(events: readonly FloatingEvent[], anchor: Anchor): { placed: ParsedEvent[]; unplaced: FloatingEvent[] } {
  const placed: ParsedEvent[] = [];
  const unplaced: FloatingEvent[] = [];
  for (const e of events) {
    const atMs = resolveFloatingTime(e.at, anchor);
    if (atMs === undefined) unplaced.push(e);
    else {
      const { at: _at, ...rest } = e;
      placed.push({ ...rest, atMs });
    }
  }
  return { placed, unplaced };
}

const PID = /\(pid (\d+)\)/;

/**
 * The boot time of plain `dmesg` OOM lines, from the same kill told with a wall-clock time by
 * another input of the case (`dmesg -T`, the journal, syslog): same process, same pid.
 */
export function bootFromSameKill(floating: readonly FloatingEvent[], dated: readonly ParsedEvent[]): { bootMs: number; via: ParsedEvent } | undefined {
  for (const f of floating) {
    if (f.at.kind !== 'since-boot' || f.kind !== 'oom') continue;
    const pid = PID.exec(f.title)?.[1];
    const twin = pid && dated.find((d) => d.kind === 'oom' && d.service === f.service && PID.exec(d.title)?.[1] === pid);
    if (twin) return { bootMs: twin.atMs - f.at.secondsSinceBoot * 1000, via: twin };
  }
  return undefined;
}
