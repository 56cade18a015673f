import type { RcaReport } from './reportModel';

/** The schema's id: where the versioned JSON Schema of report.json lives in this repository. */
export const REPORT_SCHEMA_ID = 'https://aftermath.local/schemas/rca-report.v1.json';

/**
 * report.json: the report model as is, with `$schema` naming the versioned schema
 * (analyzers/report/rcaReport.schema.json, documented in docs/report.md).
 */
export function jsonReport(report: RcaReport): string {
  return `${JSON.stringify({ $schema: REPORT_SCHEMA_ID, ...report }, null, 2)}\n`;
}
