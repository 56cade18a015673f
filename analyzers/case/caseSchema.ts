/**
 * The case file's relational schema. The tables are a contract with the tools that query a saved
 * case with sqlite3 (Perfetto's lesson: the tables are the interface, not an implementation detail),
 * so a change that breaks a query bumps CASE_SCHEMA_VERSION and the reader learns the old shape.
 *
 * Findings, inputs and report edits are rows because they are what people ask about; each
 * capability's view is one JSON document because view shapes change with every analysis that is
 * added (sqlite3's json_extract still reaches into them).
 */

/** `PRAGMA user_version`; a reader refuses files with a larger number. */
export const CASE_SCHEMA_VERSION = 2;
/** Version 2 added findings.impact_json and findings.subject_json; version 1 files read with no impact. */
export const FIRST_VERSION_WITH_IMPACT = 2;

/** `PRAGMA application_id` ("AFTM"): marks the file as a case in its SQLite header (byte offset 68). */
export const CASE_APPLICATION_ID = 0x4146544d;

/** What `meta.format` holds in every case file. */
export const CASE_FORMAT_NAME = 'aftermath-case';

/** Keyed by table name, in creation order; parents before the children that reference them. */
export const CASE_TABLES = {
  meta: `CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  )`,
  inputs: `CREATE TABLE inputs (
    ord INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    format_id TEXT NOT NULL,
    format_label TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    complete INTEGER NOT NULL CHECK (complete IN (0, 1))
  )`,
  notices: `CREATE TABLE notices (
    input_ord INTEGER NOT NULL REFERENCES inputs (ord) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    message TEXT NOT NULL,
    line INTEGER,
    PRIMARY KEY (input_ord, ord)
  )`,
  failures: `CREATE TABLE failures (
    ord INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    message TEXT NOT NULL
  )`,
  // Finding ids are only promised to be stable within a run, not unique, so rows are keyed by position.
  findings: `CREATE TABLE findings (
    ord INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    analysis TEXT NOT NULL,
    category TEXT NOT NULL,
    severity TEXT NOT NULL,
    severity_rank INTEGER NOT NULL,
    title TEXT NOT NULL,
    detail TEXT NOT NULL,
    suggested_fix TEXT NOT NULL,
    window_start_ms INTEGER,
    window_end_ms INTEGER,
    impact_json TEXT NOT NULL DEFAULT '{}',
    subject_json TEXT
  )`,
  finding_sources: `CREATE TABLE finding_sources (
    finding_ord INTEGER NOT NULL REFERENCES findings (ord) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    file TEXT NOT NULL,
    PRIMARY KEY (finding_ord, ord)
  )`,
  // `value` has no declared type on purpose: no affinity, so the number 42 and the text '42' both
  // come back as they went in (typeof(value) tells them apart in SQL).
  evidence: `CREATE TABLE evidence (
    finding_ord INTEGER NOT NULL REFERENCES findings (ord) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    label TEXT NOT NULL,
    value,
    unit TEXT,
    PRIMARY KEY (finding_ord, ord)
  )`,
  evidence_paths: `CREATE TABLE evidence_paths (
    finding_ord INTEGER NOT NULL REFERENCES findings (ord) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (finding_ord, ord)
  )`,
  evidence_path_steps: `CREATE TABLE evidence_path_steps (
    finding_ord INTEGER NOT NULL,
    path_ord INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    step TEXT NOT NULL,
    PRIMARY KEY (finding_ord, path_ord, ord),
    FOREIGN KEY (finding_ord, path_ord) REFERENCES evidence_paths (finding_ord, ord) ON DELETE CASCADE
  )`,
  views: `CREATE TABLE views (
    capability TEXT PRIMARY KEY,
    json TEXT NOT NULL
  )`,
  // One row per edited field; list fields keep their items in the tables below, so an edit that
  // emptied a list (a row here, none there) stays distinct from no edit at all (no row here).
  report_edits: `CREATE TABLE report_edits (
    field TEXT PRIMARY KEY CHECK (field IN ('title', 'summary', 'fiveWhys', 'actionItems', 'timelineNotes')),
    text TEXT
  )`,
  report_five_whys: `CREATE TABLE report_five_whys (
    ord INTEGER PRIMARY KEY,
    text TEXT NOT NULL
  )`,
  report_action_items: `CREATE TABLE report_action_items (
    ord INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    owner TEXT NOT NULL,
    priority TEXT NOT NULL
  )`,
  report_timeline_notes: `CREATE TABLE report_timeline_notes (
    ord INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    note TEXT NOT NULL
  )`,
} as const;

export type CaseTable = keyof typeof CASE_TABLES;

/** Indexes for the common questions: findings by severity, by category, by source file. */
const CASE_INDEXES = [
  'CREATE INDEX findings_by_severity ON findings (severity_rank DESC, ord)',
  'CREATE INDEX findings_by_category ON findings (category)',
  'CREATE INDEX finding_sources_by_file ON finding_sources (file)',
];

/** The statements that turn an empty database into an empty case of the current version. */
export function caseSchemaStatements(): string[] {
  return [
    `PRAGMA application_id = ${CASE_APPLICATION_ID}`,
    `PRAGMA user_version = ${CASE_SCHEMA_VERSION}`,
    ...Object.values(CASE_TABLES),
    ...CASE_INDEXES,
  ];
}
