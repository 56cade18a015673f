import type { TimelineEvent } from '../case/saved/timelineView';

/** Which of several events says the most when they must be ranked (a chart's markers, a merged row's title). */
export const EVENT_KIND_PRIORITY: readonly TimelineEvent['kind'][] = ['oom', 'alert', 'deploy', 'config', 'restart', 'finding', 'note'];

/** One happening: the event that tells it best, and the same happening as other inputs told it. */
export interface Happening {
  event: TimelineEvent;
  echoes: TimelineEvent[];
}

/**
 * The event log's "leaderboard-api 2.3.1 deployed" and the chat's "deploying leaderboard-api 2.3.1" at
 * the same second are one happening: a timeline that lists both reads as two deploys. Events are
 * taken as one only when that is the only reading: the same second, each from a different input, no
 * two about different services, and at most one that lasts or stands for a finding (it then tells the
 * happening). Anything else stays as it was, one row each.
 */
export function groupHappenings(events: readonly TimelineEvent[]): Happening[] {
  const bySecond = new Map<number, TimelineEvent[]>();
  for (const e of events) {
    const second = Math.floor(e.atMs / 1000);
    const group = bySecond.get(second);
    if (group) group.push(e);
    else bySecond.set(second, [e]);
  }
  const happenings: Happening[] = [];
  for (const e of events) {
    const group = bySecond.get(Math.floor(e.atMs / 1000))!;
    if (group.length === 1 || !oneHappening(group)) happenings.push({ event: e, echoes: [] });
    else if (e === teller(group)) happenings.push({ event: e, echoes: group.filter((g) => g !== e) });
  }
  return happenings;
}

function oneHappening(group: readonly TimelineEvent[]): boolean {
  const sources = new Set(group.map((e) => e.source));
  const services = new Set(group.flatMap((e) => (e.service ? [e.service] : [])));
  const special = group.filter((e) => e.endMs !== undefined || e.findingId !== undefined);
  return sources.size === group.length && services.size <= 1 && special.length <= 1;
}

function teller(group: readonly TimelineEvent[]): TimelineEvent {
  const special = group.find((e) => e.endMs !== undefined || e.findingId !== undefined);
  if (special) return special;
  // Ties keep the inputs' order: the first that names the more telling kind.
  return group.reduce((best, e) => (EVENT_KIND_PRIORITY.indexOf(e.kind) < EVENT_KIND_PRIORITY.indexOf(best.kind) ? e : best));
}
