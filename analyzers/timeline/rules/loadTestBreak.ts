import { severityRank, type Finding, type FindingCategory, type FindingImpact } from '../../core/finding';
import { severityOf } from '../../core/severity';
import { millis, type EpochMillis } from '../../core/units';
import { DEFAULT_ALERT_THRESHOLDS } from '../../ingest/caseOptions';
import { formatPercent, formatPercentLimit, groupDigits } from '../../core/numberFormat';
import { formatUtc } from '../../core/timeFormat';
import { concurrencyText, concurrencyWord, errorPercent, stepEndMs, type LoadStep, type LoadTestRun, type LoadTool } from '../loadTest';
import { sourcesOf, type Detection, type RuleInput } from './rule';

export interface LoadBreakConfig {
  /** A step breaks when its P99 is above this… */
  p99Ms: number;
  /** …or more than this share of its requests failed. */
  errorPercent: number;
  /** Steps with fewer requests (a k6 ramp's one-second levels) say too little to break on. */
  minRequests: number;
}

export const DEFAULT_LOAD_BREAK: LoadBreakConfig = { p99Ms: DEFAULT_ALERT_THRESHOLDS.loadP99Ms, errorPercent: DEFAULT_ALERT_THRESHOLDS.loadErrorPercent, minRequests: 20 };

/** The evidence of the same run that says *why* it broke: contention, leaks, growth. */
const EXPLAINING: readonly FindingCategory[] = ['lock-contention', 'memory-leak', 'memory-growth', 'circular-reference'];

/**
 * The case's lock, heap and alloc findings that belong to this run: those whose window falls within
 * the run (a capture taken while it ran), else — when none carries a time in the run — every one of
 * the case, since the user put them into the same case. Most severe first, at most `max`.
 */
function explainingFindings(findings: readonly Finding[], run: LoadTestRun, max = 3): { findings: Finding[]; inRun: boolean } {
  const candidates = findings.filter((f) => EXPLAINING.includes(f.category)).sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const start = run.steps[0].startMs;
  const end = stepEndMs(run.steps[run.steps.length - 1]);
  const inRun = candidates.filter((f) => f.window && f.window.startMs <= end && (f.window.endMs ?? f.window.startMs) >= start);
  return inRun.length ? { findings: inRun.slice(0, max), inRun: true } : { findings: candidates.slice(0, max), inRun: false };
}

const ms = (v: number | undefined) => (v === undefined ? 'n/a' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`);

/** The steps described all have a concurrency (the others are filtered out before). */
function describe(s: LoadStep, tool: LoadTool): string {
  return `${concurrencyText(tool, s.concurrency ?? 0)}: P99 ${ms(s.p99Ms)}, ${formatPercent(errorPercent(s))} errors, ${groupDigits(s.throughput)} req/s`;
}

/**
 * The step where a stepped load test breaks: the first concurrency at which more than 1 % of the
 * requests fail or the P99 passes 1 s (both from the case options). The last step that held is the
 * capacity the run proved; lock, heap and alloc findings of the same run are joined as the reason.
 */
export function detectLoadTestBreak(input: RuleInput, config: LoadBreakConfig = DEFAULT_LOAD_BREAK): Detection[] {
  const out: Detection[] = [];
  for (const run of input.loadTests ?? []) {
    const steps = run.steps.filter((s) => s.concurrency !== undefined && s.requests >= config.minRequests);
    const at = steps.findIndex((s) => errorPercent(s) > config.errorPercent || (s.p99Ms ?? 0) > config.p99Ms);
    if (at < 0) continue;
    const step = steps[at];
    const held = steps.slice(0, at).filter((s) => (s.concurrency ?? 0) < (step.concurrency ?? 0));
    const lastGood = held[held.length - 1];
    const word = concurrencyWord(run.tool);
    const breakAt = concurrencyText(run.tool, step.concurrency ?? 0);
    const reasons = [
      ...((step.p99Ms ?? 0) > config.p99Ms ? [`P99 ${ms(step.p99Ms)} > ${ms(config.p99Ms)}`] : []),
      ...(errorPercent(step) > config.errorPercent ? [`${formatPercent(errorPercent(step))} of requests failed (> ${formatPercentLimit(config.errorPercent)})`] : []),
    ];
    const why = explainingFindings(input.earlierFindings, run);
    const whyText = why.findings.length
      ? ` ${why.inRun ? 'Captured while the run went on' : 'In the same case'}: ${why.findings.map((f) => f.title).join('; ')}.`
      : ' No lock, heap or allocation capture in this case: record one during the run to name the cause.';
    const series = input.series.filter((s) => s.source === run.file && s.labels.tool === run.tool);
    // The breach lasts from the step that broke to the end of the run; its size is the criterion it missed most.
    const latencyRatio = (step.p99Ms ?? 0) / config.p99Ms;
    const errorRatio = config.errorPercent > 0 ? errorPercent(step) / config.errorPercent : 0;
    const impact: FindingImpact = {
      breach: {
        metric: latencyRatio >= errorRatio ? 'latency' : 'errors',
        durationMs: millis(stepEndMs(run.steps[run.steps.length - 1]) - step.startMs),
        peakRatio: Math.max(latencyRatio, errorRatio),
      },
    };
    out.push({
      label: `${run.tool} breaks at ${breakAt}`,
      seriesIds: series.map((s) => s.id),
      finding: {
        id: `timeline.load-break.${out.length}`,
        analysis: 'timeline.load-break',
        category: 'load-test-break',
        severity: severityOf(impact),
        impact,
        title: `${run.file}: the ${run.tool} run breaks at ${breakAt} — ${reasons.join(', ')}${lastGood ? `; held at ${lastGood.concurrency}` : '; no step held'}`,
        detail:
          `Stepping the load up, the first step that fails the criteria (P99 ≤ ${ms(config.p99Ms)}, errors ≤ ${formatPercentLimit(config.errorPercent)}) is ${describe(step, run.tool)}` +
          `${run.clock === 'relative' ? '' : `, from ${formatUtc(step.startMs)}`}. ` +
          (lastGood ? `The step before held: ${describe(lastGood, run.tool)}, which is the capacity this run proved.` : 'Not even the first step held.') +
          whyText,
        evidence: [
          { label: `${word} at the break`, value: step.concurrency ?? 0, unit: 'count' },
          ...(step.p99Ms !== undefined ? [{ label: 'P99 at the break', value: Number(step.p99Ms.toFixed(1)), unit: 'ms' as const }] : []),
          { label: 'errors at the break', value: Number(errorPercent(step).toFixed(2)), unit: '%' },
          { label: 'throughput at the break', value: Math.round(step.throughput), unit: 'ops/s' },
          ...(lastGood
            ? [
                { label: `last ${word} that held`, value: lastGood.concurrency ?? 0, unit: 'count' as const },
                ...(lastGood.p99Ms !== undefined ? [{ label: 'P99 at the last step that held', value: Number(lastGood.p99Ms.toFixed(1)), unit: 'ms' as const }] : []),
                { label: 'throughput at the last step that held', value: Math.round(lastGood.throughput), unit: 'ops/s' as const },
              ]
            : []),
          { label: 'P99 limit', value: config.p99Ms, unit: 'ms' },
          { label: 'error limit', value: config.errorPercent, unit: '%' },
          ...why.findings.map((f) => ({ label: f.category === 'lock-contention' ? 'lock finding' : 'memory finding', value: f.title })),
        ],
        paths: [
          { label: 'load steps', steps: steps.slice(0, at + 1).map((s) => describe(s, run.tool)) },
          ...why.findings.flatMap((f) => f.paths.slice(0, 1)),
        ],
        suggestedFix:
          'Fix what limits the step that broke before raising the load again, and keep this run as the capacity baseline (aftermath gate). ' + (why.findings[0]?.suggestedFix ?? ''),
        sources: sourcesOf(series).concat(run.file, why.findings.flatMap((f) => f.sources)).filter((f, i, all) => all.indexOf(f) === i),
        window: { startMs: step.startMs as EpochMillis, endMs: stepEndMs(step) as EpochMillis },
      },
    });
  }
  return out;
}
