import type { ReportEdits } from '../case/reportEdits';

/** The edit fields that actually change something, in a fixed order. */
export function editedFields(edits: ReportEdits): (keyof ReportEdits)[] {
  const fields: (keyof ReportEdits)[] = ['title', 'summary', 'fiveWhys', 'actionItems', 'timelineNotes'];
  return fields.filter((f) => {
    const v = edits[f];
    if (v === undefined) return false;
    if (f === 'timelineNotes') return Object.values(v as Record<string, string>).some((n) => n.trim() !== '');
    return true;
  });
}
