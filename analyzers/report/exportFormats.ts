import type { ReportEdits } from '../case/reportEdits';

/** Report formats, and `case`: the whole analysis with the edits as a sql.js case file that reopens. */
export const EXPORT_FORMATS = ['md', 'html', 'json', 'pdf', 'case'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** How menus, buttons and save dialogs name each export format, and the file extension it gets. */
export const FORMAT_LABELS: Record<ExportFormat, string> = { md: 'Markdown', html: 'HTML', json: 'JSON', pdf: 'PDF', case: 'Aftermath case' };
export const FORMAT_EXTENSIONS: Record<ExportFormat, string> = { md: 'md', html: 'html', json: 'json', pdf: 'pdf', case: 'aftermath' };

/** What to export and how, whichever host asks. */
export interface ExportSpec {
  format: ExportFormat;
  /** What to export: the heap summary by constructor alone, or the full RCA report. */
  content: 'heap-summary' | 'report';
  edits?: ReportEdits;
}
