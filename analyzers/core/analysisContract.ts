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
  /**
   * Started before the others, so that its asynchronous run (its work on a helper thread) goes on
   * while they run; its findings and view keep their place in the list.
   */
  background?: boolean;
  run(subject: S, ctx: AnalysisRunContext): AnalysisOutcome<Id, V> | Promise<AnalysisOutcome<Id, V>>;
}

export interface AnalysisRunContext {
  signal?: AbortSignal;
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
  background?: boolean;
  run(ctx: AnalysisRunContext): AnalysisOutcome<string, V> | Promise<AnalysisOutcome<string, V>>;
}

/** The analyses of `list` whose needs `subject` meets, bound to it, in list order. */
export function dueAnalyses<Id extends string, S, V>(list: readonly Analysis<Id, S, V>[], subject: S): DueAnalysis<V>[] {
  return list.filter((a) => a.needs.holds(subject)).map((a) => ({ phase: a.phase, weight: a.weight, background: a.background, run: (ctx: AnalysisRunContext) => a.run(subject, ctx) }));
}

/**
 * Runs the due analyses, cancellable between them (the event loop runs there, so that a cancel can
 * arrive), reporting progress by weight; their findings in order, their view parts merged in order.
 * The background ones are started first and waited for at the end, so they run while the others do.
 */
export async function runAnalyses<V>(due: readonly DueAnalysis<V>[], ctx: { file: string; signal: AbortSignal; onProgress: ProgressSink }): Promise<{ findings: Finding[]; view: Partial<V> }> {
  const total = due.reduce((sum, a) => sum + a.weight, 0);
  let done = 0;
  const progress = (phase: string) => ctx.onProgress({ file: ctx.file, phase, done, total, percent: total > 0 ? (done / total) * 100 : 0 });
  const run = async (a: DueAnalysis<V>) => {
    const outcome = await a.run({ signal: ctx.signal });
    done += a.weight;
    return outcome;
  };
  const background = new Map<DueAnalysis<V>, Promise<AnalysisOutcome<string, V>>>();
  for (const a of due.filter((d) => d.background)) {
    await cancelPoint(ctx.signal);
    const outcome = run(a);
    // Handled here until it is waited for below: a failure while the others run is not "unhandled".
    outcome.catch(() => undefined);
    background.set(a, outcome);
  }
  const outcomes = new Map<DueAnalysis<V>, AnalysisOutcome<string, V>>();
  for (const a of due.filter((d) => !d.background)) {
    await cancelPoint(ctx.signal);
    progress(a.phase);
    outcomes.set(a, await run(a));
  }
  for (const [a, outcome] of background) {
    progress(a.phase);
    outcomes.set(a, await outcome);
  }
  const ordered = due.map((a) => outcomes.get(a)!);
  return { findings: ordered.flatMap((o) => o.findings), view: Object.assign({}, ...ordered.map((o) => o.view)) as Partial<V> };
}
