import { type ExportRequest } from './appApi';
import type { ReportEdits } from '../../case/reportEdits';
import { asRecord, checkJobId, type Checked } from './requestShape';
import { EXPORT_FORMATS, type ExportFormat } from '../../report/exportFormats';

/** Bounds on what the UI may send back: generous for a hand-edited report, small for a forged one. */
const MAX_TEXT = 100_000;
const MAX_ITEMS = 500;

/**
 * Validates an export request that crossed a trust boundary (Electron IPC, HTTP). Unknown keys,
 * wrong types, a format outside EXPORT_FORMATS and oversized edits are refused with a message, in
 * the same style as parseCaseOptions, so each host answers in its own way.
 */
export function parseExportRequest(value: unknown): { request: ExportRequest } | { error: string } {
  const obj = asRecord(value, 'export request', ['jobId', 'format', 'content', 'edits']);
  if ('error' in obj) return obj;
  const { jobId: rawJobId, format, content, edits } = obj.value;
  const jobId = checkJobId(rawJobId);
  if ('error' in jobId) return jobId;
  if (!(EXPORT_FORMATS as readonly unknown[]).includes(format)) return { error: `format must be one of ${EXPORT_FORMATS.join(', ')}` };
  if (content !== 'heap-summary' && content !== 'report') return { error: "content must be 'heap-summary' or 'report'" };
  const request: ExportRequest = { jobId: jobId.value, format: format as ExportFormat, content };
  if (edits !== undefined) {
    const parsed = parseReportEdits(edits);
    if ('error' in parsed) return parsed;
    request.edits = parsed.value;
  }
  return { request };
}

/** Report edits from the page (with an export, or as the page's current edits on the desktop). */
export function parseReportEdits(value: unknown): Checked<ReportEdits> {
  const obj = asRecord(value, 'edits', ['title', 'summary', 'fiveWhys', 'actionItems', 'timelineNotes']);
  if ('error' in obj) return obj;
  const { title, summary, fiveWhys, actionItems, timelineNotes } = obj.value;
  const edits: ReportEdits = {};
  if (title !== undefined) {
    if (!isText(title)) return { error: 'edits.title must be a string' };
    edits.title = title;
  }
  if (summary !== undefined) {
    if (!isText(summary)) return { error: 'edits.summary must be a string' };
    edits.summary = summary;
  }
  if (fiveWhys !== undefined) {
    if (!Array.isArray(fiveWhys) || fiveWhys.length > MAX_ITEMS || !fiveWhys.every(isText)) return { error: 'edits.fiveWhys must be a list of strings' };
    edits.fiveWhys = fiveWhys;
  }
  if (actionItems !== undefined) {
    if (!Array.isArray(actionItems) || actionItems.length > MAX_ITEMS) return { error: 'edits.actionItems must be a list' };
    const items: NonNullable<ReportEdits['actionItems']> = [];
    for (const item of actionItems) {
      const parsed = asRecord(item, 'action item', ['text', 'owner', 'priority']);
      if ('error' in parsed) return parsed;
      const { text, owner, priority } = parsed.value;
      if (!isText(text) || !isText(owner) || !isText(priority)) return { error: 'each action item needs text, owner and priority strings' };
      items.push({ text, owner, priority });
    }
    edits.actionItems = items;
  }
  if (timelineNotes !== undefined) {
    if (typeof timelineNotes !== 'object' || timelineNotes === null || Array.isArray(timelineNotes)) return { error: 'edits.timelineNotes must be an object' };
    const entries = Object.entries(timelineNotes);
    if (entries.length > MAX_ITEMS || !entries.every(([k, v]) => isText(k) && isText(v))) return { error: 'edits.timelineNotes must map ids to strings' };
    edits.timelineNotes = Object.fromEntries(entries);
  }
  return { value: edits };
}

function isText(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_TEXT;
}
