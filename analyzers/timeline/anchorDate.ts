import { extent } from '../core/extent';
import type { EpochMillis } from '../core/units';
import type { FloatingEvent, FloatingTime, ParsedEvent } from './artifact';
import { dayStartMs, isoDay } from './timeParse';

export interface Anchor {
  /** `YYYY-MM-DD`: Day 1 of chat timelines, and the year of syslog times. */
  date: string;
  /** Why this date: the user's option, or what was assumed. */
  assumed?: string;
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

export function resolveFloatingTime(at: FloatingTime, anchor: Anchor): EpochMillis {
  if (at.kind === 'day-offset') return (dayStartMs(anchor.date) + at.dayOffset * 86_400_000 + at.msOfDay) as EpochMillis;
  const year = Number(anchor.date.slice(0, 4));
  return (Date.UTC(year, at.month, at.day) + at.msOfDay) as EpochMillis;
}

export function resolveFloating(events: readonly FloatingEvent[], anchor: Anchor): ParsedEvent[] {
  return events.map(({ at, ...rest }) => ({ ...rest, atMs: resolveFloatingTime(at, anchor) }));
}
