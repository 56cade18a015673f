import type { ReportEdits } from '../../../../analyzers/case/reportEdits';
import type { RcaReport } from '../../../../analyzers/report/reportModel';

/**
 * How the report view turns a keystroke into ReportEdits. The first change to a list (whys, action
 * items) copies the generated list into the edits, so what the user sees is what gets exported.
 */
type ActionItemEdit = NonNullable<ReportEdits['actionItems']>[number];

const answers = (report: RcaReport, edits: ReportEdits): string[] => edits.fiveWhys ?? report.fiveWhys.map((w) => w.answer);
const items = (report: RcaReport, edits: ReportEdits): ActionItemEdit[] =>
  edits.actionItems ?? report.actionItems.map(({ text, owner, priority }) => ({ text, owner, priority }));

export function setWhy(report: RcaReport, edits: ReportEdits, index: number, answer: string): ReportEdits {
  const next = [...answers(report, edits)];
  next[index] = answer;
  return { ...edits, fiveWhys: next };
}

export function addWhy(report: RcaReport, edits: ReportEdits): ReportEdits {
  return { ...edits, fiveWhys: [...answers(report, edits), ''] };
}

export function setActionItem(report: RcaReport, edits: ReportEdits, index: number, patch: Partial<ActionItemEdit>): ReportEdits {
  const next = items(report, edits).map((item, i) => (i === index ? { ...item, ...patch } : item));
  return { ...edits, actionItems: next };
}

export function addActionItem(report: RcaReport, edits: ReportEdits): ReportEdits {
  return { ...edits, actionItems: [...items(report, edits), { text: '', owner: '', priority: 'P2' }] };
}

export function removeActionItem(report: RcaReport, edits: ReportEdits, index: number): ReportEdits {
  return { ...edits, actionItems: items(report, edits).filter((_, i) => i !== index) };
}

export function setNote(edits: ReportEdits, key: string, note: string): ReportEdits {
  return { ...edits, timelineNotes: { ...edits.timelineNotes, [key]: note } };
}
