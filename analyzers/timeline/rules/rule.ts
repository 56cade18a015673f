import type { Finding } from '../../core/finding';
import type { CaseOptions } from '../../ingest/caseOptions';
import type { TimelineEvent } from '../view';
import type { MetricSeries } from '../../core/timeSeries';
import type { DroppedSeries } from '../artifact';
import type { LoadTestRun } from '../loadTest';
import type { OomAccount } from '../artifact';

/** What every detection rule sees: full-resolution series (not the downsampled view) and the case's events. */
export interface RuleInput {
  series: readonly MetricSeries[];
  events: readonly TimelineEvent[];
  /** What each OOM event's input measured, by event id (the view's events do not carry it). */
  oomAccounts?: ReadonlyMap<string, OomAccount>;
  earlierFindings: readonly Finding[];
  options: CaseOptions;
  /** The case's load-test runs, on the case's clock. */
  loadTests?: readonly LoadTestRun[];
  /** Series the inputs hold but could not be read: a rule that needed one says so. */
  droppedSeries?: readonly DroppedSeries[];
}

/** A finding with a time window (required here) and the series its band is drawn over. */
export interface Detection {
  finding: Finding & { window: NonNullable<Finding['window']> };
  /** Short text for the band on the charts. */
  label: string;
  seriesIds: string[];
}

/** Files a detection derives from, for `Finding.sources`. */
export function sourcesOf(series: readonly (MetricSeries | undefined)[], events: readonly TimelineEvent[] = []): string[] {
  const out = new Set<string>();
  for (const s of series) if (s) out.add(s.source);
  for (const e of events) out.add(e.source);
  return [...out];
}

/** `cpu_percent{instance="game-1"}`-like name for titles, shorter when there are no labels. */
export function seriesTitle(s: MetricSeries): string {
  const labels = Object.entries(s.labels).filter(([k]) => k === 'instance' || k === 'host' || k === 'pod');
  return labels.length ? `${s.name} (${labels.map(([, v]) => v).join(', ')})` : s.name;
}
