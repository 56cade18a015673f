import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseOptions } from '../../ingest/caseOptions';
import type { CaseResult } from '../../case/caseResult';
import { runCase } from '../../pipeline/runCase';
import { epochMillis, type EpochMillis } from '../../core/units';
import type { TimelineArtifact } from '../artifact';
import type { RuleInput } from '../rules/rule';
import type { TimelineEvent } from '../view';

import { loadDetected, quietContext, tempFile } from '../../ingest/tests/loadForTest';
import type { MetricUnit } from '../../core/timeSeries';
import type { MetricSeries } from '../../core/timeSeries';

export { tempFile };

/** Loads a file the way the app does: format detected from content, then streamed. */
export const load = (path: string) => loadDetected<TimelineArtifact>(path);

export const INCIDENTS = join(__dirname, '../../../samples/incidents');
export const incidentFiles = (name: string) => readdirSync(join(INCIDENTS, name)).map((f) => join(INCIDENTS, name, f));

export const loadText = (name: string, content: string) => load(tempFile(name, content));

export function analyzeIncident(name: string, options: CaseOptions = {}): Promise<CaseResult> {
  return runCase(incidentFiles(name), { ...quietContext(), options });
}

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const T0 = Date.UTC(2026, 0, 10, 8, 0, 0);

/** A series sampled every `stepMs` from T0 with values from `f(i)`. */
export function series(name: string, unit: MetricUnit, n: number, stepMs: number, f: (i: number) => number, labels: Record<string, string> = {}): MetricSeries {
  const t: EpochMillis[] = [];
  const v: number[] = [];
  for (let i = 0; i < n; i++) {
    t.push(epochMillis(T0 + i * stepMs));
    v.push(f(i));
  }
  return { id: name, name, unit, labels, source: 'synthetic', t, v };
}

export function event(atMs: number, kind: TimelineEvent['kind'], title: string, service?: string, detail = ''): TimelineEvent {
  const e: TimelineEvent = { id: `e${atMs}${title}`, atMs: epochMillis(atMs), kind, title, detail, source: 'synthetic' };
  if (service) e.service = service;
  return e;
}

export const ruleInput = (s: MetricSeries[], events: TimelineEvent[] = [], extra: Partial<RuleInput> = {}): RuleInput => ({ series: s, events, earlierFindings: [], options: {}, ...extra });

/** Deterministic noise in [-1, 1] (a test must give the same answer every run). */
export function noise(seed: number): () => number {
  let a = seed;
  return () => ((a = (a * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
}
