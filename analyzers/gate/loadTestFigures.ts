import type { CaseResult } from '../case/caseResult';
import { concurrencyText, errorPercent, type LoadStep, type LoadTestRun } from '../timeline/loadTest';
import type { GateFigure } from '../case/saved/regression';

/** Successful requests per second: a server that answers 503 fast must not look faster. */
export const goodput = (s: LoadStep): number => (s.durationMs > 0 ? (s.requests - s.errors) / (s.durationMs / 1000) : 0);

/** A run's steps by concurrency ('whole' for a summary without one). */
function stepsByLevel(run: LoadTestRun): Map<string, LoadStep> {
  const out = new Map<string, LoadStep>();
  for (const s of run.steps) out.set(s.concurrency === undefined ? 'whole' : String(s.concurrency), s);
  return out;
}

/** A run's kind: the tool, and whether it is a stepped run or a whole-run summary (Locust stats, k6 summary). */
export const runKind = (r: LoadTestRun) => `${r.tool}${r.steps.some((s) => s.concurrency === undefined) ? '-summary' : ''}`;

/**
 * Load tests of the same tool on both sides, step by step at the concurrencies every run of both
 * sides has: P99, mean latency, goodput and error rate. Each run is one sample (repeated runs of a
 * side give the spread the judge tests against).
 */
export function loadTestFigures(baseline: CaseResult, candidate: CaseResult): GateFigure[] {
  const runsOf = (c: CaseResult) => c.views.timeline?.loadTests ?? [];
  const figures: GateFigure[] = [];
  const kinds = new Set(runsOf(baseline).map(runKind));
  for (const kind of [...kinds].filter((k) => runsOf(candidate).some((r) => runKind(r) === k))) {
    const b = runsOf(baseline).filter((r) => runKind(r) === kind);
    const c = runsOf(candidate).filter((r) => runKind(r) === kind);
    const tool = b[0].tool;
    const levels = [...b, ...c].map(stepsByLevel);
    const common = [...levels[0].keys()].filter((level) => levels.every((l) => l.has(level)));
    for (const level of common) {
      const at = (runs: LoadTestRun[]) => runs.map((r) => stepsByLevel(r).get(level)!);
      const bs = at(b);
      const cs = at(c);
      const where = level === 'whole' ? 'over the whole run' : `at ${concurrencyText(tool, Number(level))}`;
      const base = { capability: 'load-test' as const, baselineSources: b.map((r) => r.file), candidateSources: c.map((r) => r.file) };
      const id = `load.${kind}.${level === 'whole' ? 'whole' : `c${level}`}`;
      if (bs.every((s) => s.p99Ms !== undefined) && cs.every((s) => s.p99Ms !== undefined)) {
        figures.push({ ...base, id: `${id}.p99`, label: `${tool} P99 ${where}`, limitKey: 'p99', unit: 'ms', better: 'lower', baseline: bs.map((s) => s.p99Ms!), candidate: cs.map((s) => s.p99Ms!) });
      }
      if (bs.every((s) => s.meanMs !== undefined) && cs.every((s) => s.meanMs !== undefined)) {
        figures.push({ ...base, id: `${id}.mean`, label: `${tool} mean latency ${where}`, limitKey: 'mean', unit: 'ms', better: 'lower', baseline: bs.map((s) => s.meanMs!), candidate: cs.map((s) => s.meanMs!) });
      }
      figures.push({ ...base, id: `${id}.throughput`, label: `${tool} successful requests/s ${where}`, limitKey: 'throughput', unit: 'req/s', better: 'higher', baseline: bs.map(goodput), candidate: cs.map(goodput) });
      figures.push({ ...base, id: `${id}.errors`, label: `${tool} error rate ${where}`, limitKey: 'errors', unit: '%', better: 'lower', baseline: bs.map(errorPercent), candidate: cs.map(errorPercent) });
    }
  }
  return figures;
}
