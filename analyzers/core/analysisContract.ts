import type { Finding } from './finding';
import { cancelPoint } from './cancelPoint';
import type { ProgressSink } from './progress';

/** What an analysis needs from the case, in words for the docs and as a test the runner applies. */
export interface AnalysisNeed<S> {
  label: string;
  holds(subject: S): boolean;
}

/**
 * One analysis = one file with this contract (memlab's `BaseAnalysis` shape): its id (the `analysis`
 * of its findings), what it needs (it is skipped when the case does not have it), its share of the
 * progress, and a run that returns its findings and its part of the capability's view. A capability
 * lists its analyses in one array; adding one never edits a switch elsewhere.
 */
export interface Analysis<Id extends string, S, V> {
  id: Id;
  needs: AnalysisNeed<S>;
  /** What the progress says while it runs. */
  phase: string;
  /** Its cost relative to the capability's other analyses, for the progress. */
  weight: number;
  run(subject: S): AnalysisOutcome<Id, V>;
}

/** A finding whose `analysis` is one of a capability's ids: a misspelt id does not compile. */
export type FindingOf<Id extends string> = Finding & { analysis: Id };

export interface AnalysisOutcome<Id extends string, V> {
  findings: FindingOf<Id>[];
  /** Its part of the view; absent keys stay absent (views cross processes and case files as they are). */
  view?: Partial<V>;
}

/** One analysis bound to the subject it runs on. */
export interface DueAnalysis<V> {
  phase: string;
  weight: number;
  run(): AnalysisOutcome<string, V>;
}

/** The analyses of `list` whose needs `subject` meets, bound to it, in list order. */
export function dueAnalyses<Id extends string, S, V>(list: readonly Analysis<Id, S, V>[], subject: S): DueAnalysis<V>[] {
  return list.filter((a) => a.needs.holds(subject)).map((a) => ({ phase: a.phase, weight: a.weight, run: () => a.run(subject) }));
}

/**
 * Runs the due analyses in order, cancellable between them (the event loop runs there, so that a
 * cancel can arrive), reporting progress by weight; their findings in order, their view parts
 * merged in order.
 */
export async function runAnalyses<V>(due: readonly DueAnalysis<V>[], ctx: { file: string; signal: AbortSignal; onProgress: ProgressSink }): Promise<{ findings: Finding[]; view: Partial<V> }> {
  const total = due.reduce((sum, a) => sum + a.weight, 0);
  const findings: Finding[] = [];
  const view: Partial<V> = {};
  let done = 0;
  for (const a of due) {
    await cancelPoint(ctx.signal);
    ctx.onProgress({ file: ctx.file, phase: a.phase, done, total, percent: total > 0 ? (done / total) * 100 : 0 });
    const outcome = a.run();
    findings.push(...outcome.findings);
    Object.assign(view, outcome.view);
    done += a.weight;
  }
  return { findings, view };
}
