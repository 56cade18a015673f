import type { Database, SqlJsStatic } from 'sql.js';
import type { ReportEdits } from './reportEdits';
import { isSeverity } from '../core/finding';
import { InputError } from '../core/inputError';
import { epochMillis } from '../core/units';
import type { CaseResult, CaseViews, InputFailure } from './caseResult';
import { type CaseRow, groupByParent, readRows } from './caseRows';
import { CASE_FORMAT_NAME, FIRST_VERSION_WITH_IMPACT } from './caseSchema';
import { parseImpact, parseSubject } from './findingJson';
import { openCaseDatabase } from './openCaseDatabase';
import type { EvidenceItem, Finding, FindingCategory } from './saved/finding';
import type { InputNotice, InputSummary } from './saved/inputs';
import { upgradeViews, type ViewDocuments } from './viewMigrations';
import { parseView } from './viewJson';

export interface SavedCase {
  result: CaseResult;
  edits: ReportEdits;
}

// Records rather than arrays so that a category or unit added to finding.ts fails to compile here
// until the reader accepts it too.
const CATEGORIES: Record<FindingCategory, true> = {
  'memory-leak': true,
  'memory-growth': true,
  'circular-reference': true,
  'lock-contention': true,
  'threshold-breach': true,
  'cache-stampede': true,
  'pool-exhaustion': true,
  'throughput-collapse': true,
  'load-test-break': true,
  cascade: true,
  oom: true,
  'input-quality': true,
};
type EvidenceUnit = NonNullable<EvidenceItem['unit']>;
const UNITS: Record<EvidenceUnit, true> = { bytes: true, ms: true, ns: true, '%': true, count: true, 'bytes/h': true, 'ops/s': true, ratio: true };

const isCategory = (v: string): v is FindingCategory => Object.hasOwn(CATEGORIES, v);
const isUnit = (v: string): v is EvidenceUnit => Object.hasOwn(UNITS, v);

/** Reads a case database back into the CaseResult and report edits it was written from. */
export function readCaseDatabase(SQL: SqlJsStatic, bytes: Uint8Array, file: string): SavedCase {
  const { db, schemaVersion } = openCaseDatabase(SQL, bytes, file);
  try {
    return {
      result: {
        analyzedAt: readMeta(db, file),
        inputs: readInputs(db, file),
        failures: readFailures(db, file),
        findings: readFindings(db, file, schemaVersion),
        views: readViews(db, file, schemaVersion),
      },
      edits: readEdits(db, file),
    };
  } finally {
    db.close();
  }
}

function readMeta(db: Database, file: string): string {
  const meta = new Map(readRows(db, file, 'meta', ['key', 'value'], 'key').map((r) => [r.text('key'), r.text('value')]));
  if (meta.get('format') !== CASE_FORMAT_NAME) {
    throw new InputError(file, `meta.format is ${JSON.stringify(meta.get('format') ?? null)}, expected "${CASE_FORMAT_NAME}"`, { section: 'meta' });
  }
  const analyzedAt = meta.get('analyzed_at');
  if (analyzedAt === undefined) throw new InputError(file, 'meta has no analyzed_at', { section: 'meta' });
  return analyzedAt;
}

function readInputs(db: Database, file: string): InputSummary[] {
  const inputs = readRows(db, file, 'inputs', ['ord', 'file', 'format_id', 'format_label', 'size_bytes', 'complete'], 'ord');
  const notices = groupByParent(
    readRows(db, file, 'notices', ['input_ord', 'ord', 'message', 'line'], 'input_ord, ord'),
    (n) => n.number('input_ord'), ordsOf(inputs), 'inputs',
  );
  return inputs.map((r) => ({
    file: r.text('file'),
    formatId: r.text('format_id'),
    formatLabel: r.text('format_label'),
    sizeBytes: r.number('size_bytes'),
    complete: r.number('complete') === 1,
    notices: (notices.get(r.number('ord')) ?? []).map(readNotice),
  }));
}

function readNotice(r: CaseRow): InputNotice {
  const line = r.optionalNumber('line');
  return line === undefined ? { message: r.text('message') } : { message: r.text('message'), line };
}

function readFailures(db: Database, file: string): InputFailure[] {
  return readRows(db, file, 'failures', ['ord', 'file', 'message'], 'ord').map((r) => ({ file: r.text('file'), message: r.text('message') }));
}

function readFindings(db: Database, file: string, version: number): Finding[] {
  const withImpact = version >= FIRST_VERSION_WITH_IMPACT;
  const findings = readRows(db, file, 'findings',
    ['ord', 'id', 'analysis', 'category', 'severity', 'title', 'detail', 'suggested_fix', 'window_start_ms', 'window_end_ms', ...(withImpact ? ['impact_json', 'subject_json'] : [])], 'ord');
  const ords = ordsOf(findings);
  const children = (table: 'finding_sources' | 'evidence' | 'evidence_paths', columns: string[]) =>
    groupByParent(readRows(db, file, table, ['finding_ord', 'ord', ...columns], 'finding_ord, ord'), (c) => c.number('finding_ord'), ords, 'findings');
  const sources = children('finding_sources', ['file']);
  const evidence = children('evidence', ['label', 'value', 'unit']);
  const paths = children('evidence_paths', ['label']);
  const steps = readPathSteps(db, file, paths);

  return findings.map((r) => {
    const ord = r.number('ord');
    const category = r.text('category');
    if (!isCategory(category)) throw r.invalid(`unknown category '${category}'`);
    const severity = r.text('severity');
    if (!isSeverity(severity)) throw r.invalid(`unknown severity '${severity}'`);
    const finding: Finding = {
      id: r.text('id'),
      analysis: r.text('analysis'),
      category,
      severity,
      title: r.text('title'),
      detail: r.text('detail'),
      evidence: (evidence.get(ord) ?? []).map(readEvidence),
      paths: (paths.get(ord) ?? []).map((p) => ({
        label: p.text('label'),
        steps: (steps.get(`${ord}:${p.number('ord')}`) ?? []).map((s) => s.text('step')),
      })),
      suggestedFix: r.text('suggested_fix'),
      sources: (sources.get(ord) ?? []).map((s) => s.text('file')),
      impact: {},
    };
    if (withImpact) {
      const impact = parseImpact(r.text('impact_json'));
      if (typeof impact === 'string') throw r.invalid(impact);
      finding.impact = impact;
      const subjectText = r.optionalText('subject_json');
      const subject = subjectText === undefined ? undefined : parseSubject(subjectText);
      if (typeof subject === 'string') throw r.invalid(subject);
      if (subject) finding.subject = subject;
    }
    const startMs = r.optionalNumber('window_start_ms');
    const endMs = r.optionalNumber('window_end_ms');
    if (startMs === undefined && endMs !== undefined) throw r.invalid('window_end_ms is set without window_start_ms');
    if (startMs !== undefined) finding.window = endMs === undefined ? { startMs: epochMillis(startMs) } : { startMs: epochMillis(startMs), endMs: epochMillis(endMs) };
    return finding;
  });
}

function readEvidence(r: CaseRow): EvidenceItem {
  const item: EvidenceItem = { label: r.text('label'), value: r.textOrNumber('value') };
  const unit = r.optionalText('unit');
  if (unit !== undefined) {
    if (!isUnit(unit)) throw r.invalid(`unknown unit '${unit}'`);
    item.unit = unit;
  }
  return item;
}

/** Steps keyed by `findingOrd:pathOrd`, each list in step order. */
function readPathSteps(db: Database, file: string, paths: ReadonlyMap<number, CaseRow[]>): Map<string, CaseRow[]> {
  const pathKeys = new Set([...paths].flatMap(([findingOrd, rows]) => rows.map((p) => `${findingOrd}:${p.number('ord')}`)));
  const steps = readRows(db, file, 'evidence_path_steps', ['finding_ord', 'path_ord', 'ord', 'step'], 'finding_ord, path_ord, ord');
  return groupByParent(steps, (s) => `${s.number('finding_ord')}:${s.number('path_ord')}`, pathKeys, 'evidence_paths');
}

function readViews(db: Database, file: string, schemaVersion: number): CaseViews {
  const views: ViewDocuments = {};
  for (const r of readRows(db, file, 'views', ['capability', 'json'], 'capability')) {
    const capability = r.text('capability');
    let view: unknown;
    try {
      view = parseView(r.text('json'));
    } catch (e) {
      throw r.invalid(`the ${capability} view is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    if (typeof view !== 'object' || view === null || Array.isArray(view)) throw r.invalid(`the ${capability} view is not a JSON object`);
    views[capability] = view;
  }
  // The saved types (saved/) describe the current version; the reader vouches for the JSON only,
  // and the migrations for what the version said about its shape.
  return upgradeViews(views, schemaVersion, file);
}

function readEdits(db: Database, file: string): ReportEdits {
  const edits: ReportEdits = {};
  const fields = new Map<string, CaseRow>();
  for (const r of readRows(db, file, 'report_edits', ['field', 'text'], 'field')) fields.set(r.text('field'), r);
  const title = fields.get('title');
  if (title) edits.title = title.text('text');
  const summary = fields.get('summary');
  if (summary) edits.summary = summary.text('text');

  // A list counts as edited when it has a row in report_edits (possibly emptied) or items of its own.
  const whys = readRows(db, file, 'report_five_whys', ['text'], 'ord');
  if (fields.has('fiveWhys') || whys.length) edits.fiveWhys = whys.map((r) => r.text('text'));
  const actions = readRows(db, file, 'report_action_items', ['text', 'owner', 'priority'], 'ord');
  if (fields.has('actionItems') || actions.length) {
    edits.actionItems = actions.map((r) => ({ text: r.text('text'), owner: r.text('owner'), priority: r.text('priority') }));
  }
  const notes = readRows(db, file, 'report_timeline_notes', ['event_id', 'note'], 'ord');
  if (fields.has('timelineNotes') || notes.length) edits.timelineNotes = Object.fromEntries(notes.map((r) => [r.text('event_id'), r.text('note')]));
  return edits;
}

function ordsOf(rows: readonly CaseRow[]): Set<number> {
  return new Set(rows.map((r) => r.number('ord')));
}
