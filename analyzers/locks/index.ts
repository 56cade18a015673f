import { diffFlameTrees, flameGraph } from '../core/flameGraph';
import type { Finding } from '../core/finding';
import { pprofContentionFormat } from './pprofContentionFormat';
import type { Capability, LoadedInput } from '../ingest/capability';
import { comparable, compareCaptures, comparisonFinding, improvedBy, type CaptureComparison } from './compareCaptures';
import { hotPathFinding, imbalanceFinding, stormFinding } from './contentionFindings';
import type { LockDiagnosis } from './diagnoses/contract';
import { globalBeforeObjectLocks } from './diagnoses/globalBeforeObjectLocks';
import { readMostly } from './diagnoses/readMostly';
import { shardByKey } from './diagnoses/shardByKey';
import { tooManyThreads } from './diagnoses/tooManyThreads';
import { compileLockFolding } from './folding';
import { foldedStacksFormat } from './foldedStacksFormat';
import { futexctnFormat } from './futexctnFormat';
import { hotPathTree } from './hotPaths';
import { klockstatFormat } from './klockstatFormat';
import { lockTrendFindings } from './lockTrendFindings';
import { lockCaptureSeries, lockTrends, MIN_LOCK_TREND_CAPTURES, type LockTrendReport } from './lockTrends';
import { lockStatFormat } from './lockStatFormat';
import { lockStatsJsonFormat } from './lockStatsJson';
import type { LockCapture } from './model';
import { mutraceFormat } from './mutraceFormat';
import { DEFAULT_LOCKS_OPTIONS, type LocksOptions } from './options';
import { perfLockTableFormat } from './perfLockTable';
import { perfScriptFormat } from './perfScript';
import { summarize, type LockSummary } from './summary';
import { threadImbalance } from './threadImbalance';
import type { LockInputView, LocksView } from './view';
import { waitFlameTree } from './waitFlame';
import { wakeupStorms } from './wakeupStorms';

/** Every diagnosis, in the order its findings are listed. */
const LOCK_DIAGNOSES: readonly LockDiagnosis[] = [shardByKey, globalBeforeObjectLocks, readMostly, tooManyThreads];

const LOCK_FORMATS = [pprofContentionFormat, lockStatsJsonFormat, lockStatFormat, mutraceFormat, klockstatFormat, perfScriptFormat, perfLockTableFormat, futexctnFormat, foldedStacksFormat];

function inputView(summary: LockSummary, capture: LockCapture, options: LocksOptions): LockInputView {
  const view: LockInputView = {
    file: summary.file,
    tool: summary.tool,
    variant: summary.variant,
    timeMeaning: summary.timeMeaning,
    complete: summary.complete,
    totalNs: summary.totalNs,
    totalContended: summary.totalContended,
    locks: summary.locks.slice(0, options.maxRows),
    lockCount: summary.locks.length,
    callers: summary.callers.slice(0, options.maxRows),
    callerCount: summary.callers.length,
    threads: summary.threads.slice(0, options.maxRows),
    owners: summary.owners.slice(0, options.maxRows),
    hotPaths: hotPathTree(summary.paths, options.hotPathDepth),
    storms: wakeupStorms(summary.futex, summary.spanNs, options.storms),
    flame: flameGraph('ns', waitFlameTree(summary)),
  };
  const imbalance = threadImbalance(summary.threads);
  if (imbalance) view.imbalance = imbalance;
  if (summary.spanNs !== undefined) view.spanNs = summary.spanNs;
  if (summary.program !== undefined) view.program = summary.program;
  if (capture.info) view.info = capture.info;
  if (summary.idleWaits) view.idleWaits = summary.idleWaits;
  return view;
}

/** Findings of one input: the hot-path headline, the diagnoses, thread imbalance, wake-up storms. */
export function inputFindings(summary: LockSummary, view: Pick<LockInputView, 'imbalance' | 'storms'>, index: number): Finding[] {
  const out: Finding[] = [];
  const push = (f: Finding | undefined) => f && out.push(f);
  push(hotPathFinding(summary, index));
  for (const d of LOCK_DIAGNOSES) push(d.detect(summary, index));
  push(imbalanceFinding(summary, view.imbalance, index));
  push(stormFinding(summary, view.storms, index));
  return out;
}

/**
 * Captures given one after the other are a before/after pair when they are comparable (same tool,
 * same functions). Three or more captures of one program have a trend per lock instead: of those,
 * only the first and the last are compared, for the view (`trended`).
 */
function pairComparisons(summaries: readonly LockSummary[], trended: readonly LockSummary[][]): { comparison: CaptureComparison; after: LockSummary }[] {
  const pairs: { comparison: CaptureComparison; after: LockSummary }[] = [];
  const lastOfTool = new Map<string, LockSummary>();
  const inTrend = new Set(trended.flat());
  for (const s of summaries) {
    if ((s.totalNs === 0 && s.callers.length === 0) || inTrend.has(s)) continue;
    const before = lastOfTool.get(s.tool + s.variant);
    lastOfTool.set(s.tool + s.variant, s);
    if (before && comparable(before, s)) {
      const comparison = compareCaptures(before, s);
      comparison.flame = flameGraph('ns', diffFlameTrees(waitFlameTree(before), waitFlameTree(s)), undefined, { before: before.file, after: s.file });
      pairs.push({ comparison, after: s });
    }
  }
  return pairs;
}

export function createLocksCapability(options: LocksOptions = DEFAULT_LOCKS_OPTIONS): Capability<LockCapture, LocksView, 'locks'> {
  return {
    id: 'locks',
    formats: LOCK_FORMATS,
    analyze(inputs: LoadedInput<LockCapture>[]) {
      const classifier = compileLockFolding(options.folding);
      const summaries = inputs.map((i) => summarize(i, classifier));
      const views = summaries.map((s, i) => inputView(s, inputs[i].artifact, options));
      const series = lockCaptureSeries(summaries).filter((g) => g.captures.length >= MIN_LOCK_TREND_CAPTURES);
      const trends: LockTrendReport[] = series.map((g) => lockTrends(g.captures, g.orderedBy));
      const pairs = pairComparisons(
        summaries,
        series.map((g) => g.captures),
      );
      const trendPairs = series.map((g) => compareCaptures(g.captures[0], g.captures[g.captures.length - 1]));
      // The "after" side of a comparison that improved is the fix at work: its remaining contention
      // is told by the comparison (and drawn in the view), not raised as a problem of its own.
      const fixed = new Set(pairs.filter((p) => improvedBy(p.comparison)).map((p) => p.after));
      const findings = summaries.flatMap((s, i) => (fixed.has(s) ? [] : inputFindings(s, views[i], i)));
      findings.push(...pairs.map((p, i) => comparisonFinding(p.comparison, p.after, i)));
      let trendIndex = 0;
      for (const [i, t] of trends.entries()) {
        for (const f of lockTrendFindings(t, series[i].captures[series[i].captures.length - 1])) findings.push({ ...f, id: `locks.trend.${trendIndex++}` });
      }
      return {
        findings,
        view: {
          files: inputs.map((i) => i.file),
          inputs: views,
          comparisons: [...trendPairs, ...pairs.map((p) => p.comparison)],
          folding: options.folding,
          ...(trends.length ? { trends } : {}),
        },
      };
    },
  };
}

export const locksCapability = createLocksCapability();
