import type { ReportEdits } from '../app/appApi';

const MAX_TEXT = 20_000;
const MAX_ITEMS = 200;

/**
 * Edits arrive over IPC or HTTP from the UI: keep only well-typed fields, bounded in size, so a
 * malformed request yields a report without that edit instead of a crash or a huge document.
 */
export function parseReportEdits(value: unknown): ReportEdits {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const v = value as Record<string, unknown>;
  const edits: ReportEdits = {};
  const title = text(v.title);
  if (title !== undefined) edits.title = title;
  const summary = text(v.summary);
  if (summary !== undefined) edits.summary = summary;
  if (Array.isArray(v.fiveWhys)) edits.fiveWhys = v.fiveWhys.slice(0, MAX_ITEMS).map((w) => text(w) ?? '');
  if (Array.isArray(v.actionItems)) {
    edits.actionItems = v.actionItems.slice(0, MAX_ITEMS).flatMap((item: unknown) => {
      if (typeof item !== 'object' || item === null) return [];
      const i = item as Record<string, unknown>;
      return [{ text: text(i.text) ?? '', owner: text(i.owner) ?? '', priority: text(i.priority) ?? '' }];
    });
  }
  if (typeof v.timelineNotes === 'object' && v.timelineNotes !== null && !Array.isArray(v.timelineNotes)) {
    const notes: Record<string, string> = {};
    for (const [key, note] of Object.entries(v.timelineNotes as Record<string, unknown>).slice(0, MAX_ITEMS * 10)) {
      const t = text(note);
      if (t !== undefined) notes[key] = t;
    }
    edits.timelineNotes = notes;
  }
  return edits;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value.slice(0, MAX_TEXT) : undefined;
}

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
