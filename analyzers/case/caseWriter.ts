import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import type { ReportEdits } from './reportEdits';
import { severityRank } from '../core/finding';
import type { CaseResult } from './caseResult';
import { impactJson, subjectJson } from './findingJson';
import type { Finding } from './saved/finding';
import { CASE_FORMAT_NAME, CASE_SCHEMA_VERSION, caseSchemaStatements, type CaseTable } from './caseSchema';
import { stringifyView } from './viewJson';

type Row = SqlValue[];

/**
 * Builds the case database in memory and returns its bytes. Pure apart from sql.js: runs in the
 * utility process, the CLI or a renderer alike, given the sql.js module its host loaded.
 */
export function writeCaseDatabase(SQL: SqlJsStatic, result: CaseResult, edits: ReportEdits): Uint8Array {
  const db = new SQL.Database();
  try {
    for (const statement of caseSchemaStatements()) db.run(statement);
    db.run('PRAGMA foreign_keys = ON');
    db.run('BEGIN');
    insertCase(db, result, edits);
    db.run('COMMIT');
    // export() refuses to run inside a write transaction, and the commit above ends it.
    return db.export();
  } finally {
    db.close();
  }
}

function insertCase(db: Database, result: CaseResult, edits: ReportEdits): void {
  const rows = new RowWriter(db);
  try {
    rows.insert('meta', ['key', 'value'], [
      ['format', CASE_FORMAT_NAME],
      ['schema_version', String(CASE_SCHEMA_VERSION)],
      ['analyzed_at', result.analyzedAt],
    ]);
    rows.insert('inputs', ['ord', 'file', 'format_id', 'format_label', 'size_bytes', 'complete'],
      result.inputs.map((input, ord) => [ord, input.file, input.formatId, input.formatLabel, input.sizeBytes, input.complete ? 1 : 0]));
    rows.insert('notices', ['input_ord', 'ord', 'message', 'line'],
      result.inputs.flatMap((input, inputOrd) => input.notices.map((n, ord) => [inputOrd, ord, n.message, n.line ?? null])));
    rows.insert('failures', ['ord', 'file', 'message'], result.failures.map((f, ord) => [ord, f.file, f.message]));
    insertFindings(rows, result.findings);
    rows.insert('views', ['capability', 'json'],
      Object.entries(result.views).flatMap(([capability, view]) => (view === undefined ? [] : [[capability, stringifyView(view)]])));
    insertEdits(rows, edits);
  } finally {
    rows.free();
  }
}

function insertFindings(rows: RowWriter, findings: readonly Finding[]): void {
  rows.insert('findings',
    ['ord', 'id', 'analysis', 'category', 'severity', 'severity_rank', 'title', 'detail', 'suggested_fix', 'window_start_ms', 'window_end_ms', 'impact_json', 'subject_json'],
    findings.map((f, ord) => [
      ord, f.id, f.analysis, f.category, f.severity, severityRank(f.severity), f.title, f.detail, f.suggestedFix,
      f.window?.startMs ?? null, f.window?.endMs ?? null, impactJson(f.impact), subjectJson(f.subject),
    ]));
  rows.insert('finding_sources', ['finding_ord', 'ord', 'file'],
    findings.flatMap((f, findingOrd) => f.sources.map((file, ord) => [findingOrd, ord, file])));
  rows.insert('evidence', ['finding_ord', 'ord', 'label', 'value', 'unit'],
    findings.flatMap((f, findingOrd) => f.evidence.map((e, ord) => [findingOrd, ord, e.label, e.value, e.unit ?? null])));
  rows.insert('evidence_paths', ['finding_ord', 'ord', 'label'],
    findings.flatMap((f, findingOrd) => f.paths.map((p, ord) => [findingOrd, ord, p.label])));
  rows.insert('evidence_path_steps', ['finding_ord', 'path_ord', 'ord', 'step'],
    findings.flatMap((f, findingOrd) => f.paths.flatMap((p, pathOrd) => p.steps.map((step, ord) => [findingOrd, pathOrd, ord, step]))));
}

function insertEdits(rows: RowWriter, edits: ReportEdits): void {
  const fields: Row[] = [];
  if (edits.title !== undefined) fields.push(['title', edits.title]);
  if (edits.summary !== undefined) fields.push(['summary', edits.summary]);
  if (edits.fiveWhys !== undefined) fields.push(['fiveWhys', null]);
  if (edits.actionItems !== undefined) fields.push(['actionItems', null]);
  if (edits.timelineNotes !== undefined) fields.push(['timelineNotes', null]);
  rows.insert('report_edits', ['field', 'text'], fields);
  rows.insert('report_five_whys', ['ord', 'text'], (edits.fiveWhys ?? []).map((text, ord) => [ord, text]));
  rows.insert('report_action_items', ['ord', 'text', 'owner', 'priority'],
    (edits.actionItems ?? []).map((a, ord) => [ord, a.text, a.owner, a.priority]));
  rows.insert('report_timeline_notes', ['ord', 'event_id', 'note'],
    Object.entries(edits.timelineNotes ?? {}).map(([eventId, note], ord) => [ord, eventId, note]));
}

/** One prepared INSERT per table, reused for all its rows and freed at the end (sql.js leaks otherwise). */
class RowWriter {
  private readonly statements: Statement[] = [];

  constructor(private readonly db: Database) {}

  insert(table: CaseTable, columns: readonly string[], rows: readonly Row[]): void {
    if (rows.length === 0) return;
    const statement = this.db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    this.statements.push(statement);
    for (const row of rows) statement.run(row);
  }

  free(): void {
    for (const statement of this.statements) statement.free();
  }
}
