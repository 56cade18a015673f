/**
 * Edits the user made to the report in the UI; applied over the generated report when exporting.
 * Saved in the case file's report_* tables, so the case layer owns the shape.
 */
export interface ReportEdits {
  title?: string;
  summary?: string;
  fiveWhys?: string[];
  actionItems?: { text: string; owner: string; priority: string }[];
  timelineNotes?: Record<string, string>;
}
