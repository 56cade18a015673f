import { InputError } from '../../core/inputError';
import { millis } from '../../core/units';
import type { InputFormat, LoadContext, Loaded } from '../../ingest/capability';
import type { FileSource } from '../../ingest/fileSource';
import { LineTally, tallyNotices } from '../../ingest/lineTally';
import { loadLines, type LineParser } from '../../ingest/lineInput';
import type { TimelineArtifact } from '../artifact';
import { stepFromLatencies, type LoadStep, type LoadTestRun } from '../loadTest';
import { loadedRun } from './loadedRun';
import { parseTimestamp } from '../timeParse';
import { readJsonDocument } from './jsonDocument';
import { firstJsonObject, parseJsonObject } from './jsonLines';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (o: Json | undefined, key: string): number | undefined => {
  const v = o?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

/**
 * `k6 run --summary-export FILE`: the end-of-test summary, one object per metric (trends: avg, med,
 * p(90), p(95), max and p(99) when `--summary-trend-stats` asks for it; counters: count, rate; rates:
 * passes, fails). It has no clock and no steps: one step, its concurrency the largest VU count.
 */
async function loadK6Summary(source: FileSource, ctx: LoadContext): Promise<Loaded<TimelineArtifact>> {
  const doc = await readJsonDocument(source, ctx, 'reading k6 summary', 'use --out json for long runs');
  const metrics = isObject(doc) && isObject(doc.metrics) ? doc.metrics : undefined;
  if (!metrics) throw new InputError(source.name, 'has no "metrics" object (expected k6 --summary-export output)', { section: 'metrics' });
  const duration = isObject(metrics.http_req_duration) ? metrics.http_req_duration : undefined;
  const reqs = isObject(metrics.http_reqs) ? metrics.http_reqs : undefined;
  const requests = num(reqs, 'count');
  const rate = num(reqs, 'rate');
  if (!duration || requests === undefined || rate === undefined) {
    throw new InputError(source.name, 'lacks http_req_duration or http_reqs {count, rate}: not an HTTP test summary', { section: 'metrics' });
  }
  const failed = isObject(metrics.http_req_failed) ? metrics.http_req_failed : undefined;
  const step: LoadStep = {
    startMs: 0,
    durationMs: millis(rate > 0 ? (1000 * requests) / rate : 0),
    requests,
    // http_req_failed is a Rate: its "passes" are the samples that were true, i.e. the failed requests.
    errors: num(failed, 'passes') ?? 0,
    throughput: rate,
  };
  const vus = isObject(metrics.vus_max) ? num(metrics.vus_max, 'value') ?? num(metrics.vus_max, 'max') : isObject(metrics.vus) ? num(metrics.vus, 'max') : undefined;
  if (vus !== undefined) step.concurrency = vus;
  const copy = (key: keyof LoadStep, stat: string) => {
    const v = num(duration, stat);
    if (v !== undefined) (step as unknown as Record<string, number>)[key] = v;
  };
  copy('meanMs', 'avg');
  copy('p50Ms', 'med');
  copy('p90Ms', 'p(90)');
  copy('p95Ms', 'p(95)');
  copy('p99Ms', 'p(99)');
  copy('maxMs', 'max');
  const notices = step.p99Ms === undefined ? [{ message: 'no p(99) in the summary (k6 prints it with --summary-trend-stats "avg,med,p(90),p(95),p(99),max")' }] : [];
  const run: LoadTestRun = { tool: 'k6', file: source.name, clock: 'relative', steps: [step] };
  return loadedRun(run, true, notices);
}

interface PointStep {
  vus: number;
  startMs: number;
  endMs: number;
  durations: number[];
  failed: number;
}

/**
 * `k6 run --out json=FILE`: one JSON object per line, `Metric` declarations and `Point` samples
 * (`data.time` RFC 3339, `data.value`). The `vus` gauge sets the step; each http_req_duration point
 * is one request of the step running at its time, each http_req_failed point with value 1 one error.
 */
class K6PointParser implements LineParser<TimelineArtifact> {
  private readonly steps: PointStep[] = [];
  private vus: number | undefined;
  private readonly badLines = new LineTally();
  private readonly beforeVus = new LineTally();

  constructor(private readonly file: string) {}

  private stepAt(ms: number): PointStep | undefined {
    if (this.vus === undefined) return undefined;
    let step = this.steps[this.steps.length - 1];
    if (!step || step.vus !== this.vus) {
      step = { vus: this.vus, startMs: ms, endMs: ms, durations: [], failed: 0 };
      this.steps.push(step);
    }
    return step;
  }

  push(text: string, lineNo: number): void {
    if (text.trim() === '') return;
    const r = parseJsonObject(text);
    if (r?.type === 'Metric' && typeof r.metric === 'string') return;
    const data = isObject(r?.data) ? r.data : undefined;
    const time = parseTimestamp(data?.time);
    const value = num(data, 'value');
    if (r?.type !== 'Point' || typeof r.metric !== 'string' || !time || value === undefined) {
      this.badLines.add(lineNo);
      return;
    }
    if (r.metric === 'vus') {
      this.vus = value;
      const step = this.stepAt(time.ms);
      if (step) step.endMs = Math.max(step.endMs, time.ms);
      return;
    }
    if (r.metric !== 'http_req_duration' && r.metric !== 'http_req_failed') return;
    const step = this.stepAt(time.ms);
    if (!step) {
      this.beforeVus.add(lineNo);
      return;
    }
    step.endMs = Math.max(step.endMs, time.ms);
    if (r.metric === 'http_req_duration') step.durations.push(value);
    else if (value !== 0) step.failed++;
  }

  finish(): Loaded<TimelineArtifact> {
    const steps: LoadStep[] = this.steps
      .filter((s) => s.durations.length > 0)
      // A step lasts at least one of the vus gauge's one-second periods.
      .map((s) => ({ concurrency: s.vus, ...stepFromLatencies({ startMs: s.startMs, durationMs: Math.max(1000, s.endMs - s.startMs), errors: s.failed, latenciesMs: s.durations }) }));
    if (steps.length === 0) throw new InputError(this.file, 'has no http_req_duration points after a vus point (expected k6 --out json output of an HTTP test)');
    const notices = tallyNotices([this.badLines, 'not k6 Metric or Point records'], [this.beforeVus, 'with request points before the first vus point (not counted in a step)']);
    const run: LoadTestRun = { tool: 'k6', file: this.file, clock: 'wall', steps };
    return loadedRun(run, this.badLines.count === 0, notices);
  }
}

export const k6SummaryFormat: InputFormat<TimelineArtifact> = {
  id: 'k6-summary',
  label: 'k6 end-of-test summary (--summary-export JSON)',
  sniff: (head) => /^\s*\{/.test(head) && /"metrics"\s*:\s*\{/.test(head) && /"(http_reqs|http_req_duration|vus|iterations|root_group)"/.test(head),
  load: loadK6Summary,
};

export const k6PointsFormat: InputFormat<TimelineArtifact> = {
  id: 'k6-points',
  label: 'k6 JSON output (--out json)',
  sniff: (head) => {
    const r = firstJsonObject(head);
    return !!r && (r.type === 'Metric' || r.type === 'Point') && typeof r.metric === 'string' && isObject(r.data);
  },
  load: (source, ctx) => loadLines(source, ctx, new K6PointParser(source.name), 'reading k6 points'),
};
