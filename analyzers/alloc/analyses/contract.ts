import type { Analysis, AnalysisNeed } from '../../core/analysisContract';
import type { FlameNode } from '../../core/flameGraph';
import type { AllocAnalysisId } from '../analysisIds';
import type { FrameClassifier } from '../frameFolding';
import { runsOfOneProcess } from '../captureOrder';
import type { LeakSite } from '../leakSites';
import type { LeakReport } from '../model';
import type { AllocOptions } from '../options';
import type { AllocReportView, AllocView } from '../view';

/** One input as the analyses read it: its view (sites, cycle, growth series) and every site. */
export interface ReadReport {
  view: AllocReportView;
  sites: LeakSite[];
  /** An event log: its never-freed memory is judged by its growth, not site by site at exit. */
  eventLog: boolean;
  /** A heap profile: memory in use while the program ran, a leak only when it grows between two. */
  profile: boolean;
  /** Where the capture stands among others of its process, when the input says. */
  capturedAt?: LeakReport['capturedAt'];
  /** Leaked bytes by stack, unpruned: a comparison diffs two of them before pruning. */
  flame?: FlameNode;
}

/** Every input of the case, in the order given. */
export interface AllocCase {
  reports: readonly ReadReport[];
  classifier: FrameClassifier;
  options: AllocOptions;
}

/** One report of the case. */
export interface ReportInCase extends AllocCase {
  report: ReadReport;
}

/**
 * An analysis reads one report at a time (run for each, in the order given, findings numbered
 * across them) or the whole case (after every report).
 */
export type AllocAnalysis =
  | ({ scope: 'each report' } & Analysis<AllocAnalysisId, ReportInCase, AllocView>)
  | ({ scope: 'the case' } & Analysis<AllocAnalysisId, AllocCase, AllocView>);

export const REPORT_WITH_CYCLE: AnalysisNeed<ReportInCase> = {
  label: 'a report in which an ownership cycle was found (not a diff)',
  holds: (s) => s.report.view.cycle !== undefined,
};
export const REPORT_AT_EXIT: AnalysisNeed<ReportInCase> = {
  label: 'a leak report at exit (not a diff, not an event log, not a heap profile)',
  holds: (s) => !s.report.view.isDiff && !s.report.eventLog && !s.report.profile,
};
export const EVENT_LOG: AnalysisNeed<AllocCase> = { label: 'an event log', holds: (c) => c.reports.some((r) => r.view.growth !== undefined) };
export const RUNS_TO_COMPARE: AnalysisNeed<AllocCase> = {
  label: 'two complete runs of one tool, or a heaptrack -d diff',
  holds: (c) => c.reports.some((r) => r.view.isDiff) || c.reports.filter((r) => r.view.complete).some((r, i, all) => all.findIndex((o) => o.view.tool === r.view.tool) !== i),
};
/** A line needs three points to say anything a difference does not. */
export const MIN_TREND_CAPTURES = 3;
export const TREND_RUNS: AnalysisNeed<AllocCase> = {
  label: 'three or more complete captures of one process by one tool',
  holds: (c) => runsOfOneProcess(c.reports).some((g) => g.runs.length >= MIN_TREND_CAPTURES),
};
