import type { ReportEdits } from '../../analyzers/case/reportEdits';

/**
 * Whether two sets of edits say the same thing: fields in any order, an empty note or an absent
 * field alike. Tells the UI whether what is on screen is already saved in a case file.
 */
export function sameEdits(a: ReportEdits, b: ReportEdits): boolean {
  return canonical(a) === canonical(b);
}

function canonical(edits: ReportEdits): string {
  const notes = Object.entries(edits.timelineNotes ?? {})
    .filter(([, note]) => note.trim() !== '')
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return JSON.stringify([edits.title, edits.summary, edits.fiveWhys, edits.actionItems?.map((i) => [i.text, i.owner, i.priority]), notes]);
}
