import { InputError } from '../core/inputError';
import { nanos } from '../core/units';
import { groupDigits, nounFor } from '../core/numberFormat';
import { LineTally, tallyNotices } from '../ingest/lineTally';
import type { LineParser } from '../ingest/lineInput';
import type { InputNotice, Loaded } from '../ingest/capability';
import { parsePerfLockFrame } from './frames';
import { lineFormat } from './textInput';
import { emptyCapture, type LockCapture, type LockRow } from './model';
import { isTimeUnit, toNanos } from './perfTime';

/**
 * `perf lock report`, `perf lock contention` and `perf lock info` as perf prints them (on stderr in
 * perf 6.1, with its own diagnostics interleaved), including the `-x` CSV layout of newer perf.
 * Layouts from tools/perf/builtin-lock.c: numbers are `%10llu`, times `%*.2f <unit>` or `%*llu ns`,
 * report names are `%20s` cut to 16 characters + `...`.
 */

type NumericColumn = 'acquired' | 'contended' | 'wait_avg' | 'wait_total' | 'wait_max' | 'wait_min';
type Trailer = 'type-caller' | 'pid-comm' | 'pid-owner' | 'address-symbol';

interface Layout {
  kind: 'report' | 'contention' | 'csv';
  /** End of the `Name` column in a report header (names are right-aligned into it). */
  nameEnd: number;
  columns: NumericColumn[];
  /** Legacy reports print `avg wait (ns)` with bare integers. */
  bareNanos: boolean;
  trailer?: Trailer;
  csvSeparator?: string;
  csvStack: boolean;
  headerLine: number;
}

const COLUMN_NAMES: Readonly<Record<string, NumericColumn>> = {
  acquired: 'acquired',
  contended: 'contended',
  'avg wait': 'wait_avg',
  'total wait': 'wait_total',
  'max wait': 'wait_max',
  'min wait': 'wait_min',
};
const TRAILERS: Readonly<Record<string, Trailer>> = {
  'type caller': 'type-caller',
  'pid comm': 'pid-comm',
  'pid owner': 'pid-owner',
  'address symbol': 'address-symbol',
};
const HEADER_TOKEN = /acquired|contended|(?:avg|total|max|min) wait(?: \(ns\))?|type|caller|pid|comm|owner|address|symbol|Name|\S+/g;

const REPORT_HEADER = /^\s*Name\s+(?:acquired|contended|(?:avg|total|max|min) wait)/;
const CONTENTION_HEADER = /^\s*(?:contended|acquired|(?:avg|total|max|min) wait)\s{2,}[a-z]/;
const CSV_HEADER = /^# output: /;
const INFO_THREADS = /^\s*Thread ID: comm\s*$/;
const INFO_MAP = /^\s*Address of instance: name of class\s*$/;
const DEBUG_START = /^=== output for debug ?===/;

/** True when the first 64 KiB hold a perf lock table header. */
export function sniffPerfLockTable(head: string): boolean {
  return head.split('\n', 400).some((l) => REPORT_HEADER.test(l) || CONTENTION_HEADER.test(l) || /^# output: contended|^# output: acquired/.test(l) || INFO_THREADS.test(l) || INFO_MAP.test(l));
}

function parseHeader(line: string, lineNo: number, kind: Layout['kind']): Layout | { unknown: string[] } {
  const text = kind === 'csv' ? line.replace(CSV_HEADER, '') : line;
  const layout: Layout = { kind, nameEnd: 0, columns: [], bareNanos: false, csvStack: false, headerLine: lineNo };
  let words: string[];
  if (kind === 'csv') {
    const sep = /^[a-z ]+?([^a-z ])/.exec(text)?.[1] ?? ',';
    layout.csvSeparator = sep;
    words = text.split(sep).map((w) => w.trim()).filter((w) => w);
  } else {
    words = text.match(HEADER_TOKEN) ?? [];
  }
  const trailerWords: string[] = [];
  for (const word of words) {
    if (word === 'Name') {
      layout.nameEnd = line.indexOf('Name') + 4;
      continue;
    }
    const base = word.replace(/ \(ns\)$/, '');
    if (base !== word) layout.bareNanos = true;
    const column = COLUMN_NAMES[base];
    if (column && trailerWords.length === 0) layout.columns.push(column);
    else if (word === 'stacktrace' && kind === 'csv') layout.csvStack = true;
    else trailerWords.push(word);
  }
  if (trailerWords.length) {
    const trailer = TRAILERS[trailerWords.join(' ')];
    if (!trailer) return { unknown: trailerWords };
    layout.trailer = trailer;
  }
  return layout;
}

interface ParsedNumbers {
  values: Partial<Record<NumericColumn, number>>;
  next: number;
  problem?: string;
}

function readNumbers(tokens: readonly string[], layout: Layout, start: number): ParsedNumbers {
  const values: Partial<Record<NumericColumn, number>> = {};
  let i = start;
  for (const column of layout.columns) {
    const token = tokens[i++];
    if (token === undefined) return { values, next: i, problem: 'row ends early' };
    if (column === 'acquired' || column === 'contended' || layout.kind === 'csv' || layout.bareNanos) {
      if (!/^\d+$/.test(token)) return { values, next: i, problem: `'${token}' is not a count` };
      values[column] = Number(token);
      continue;
    }
    const unit = tokens[i];
    if (unit === undefined) return { values, next: i, problem: 'row ends early' };
    if (!isTimeUnit(unit)) return { values, next: i, problem: `unknown time unit '${unit}'` };
    i++;
    const ns = toNanos(token, unit);
    if (ns === undefined) return { values, next: i, problem: `'${token} ${unit}' is not a time` };
    values[column] = ns;
  }
  return { values, next: i };
}

function rowFrom(values: Partial<Record<NumericColumn, number>>, label: string, lineNo: number): LockRow {
  const row: LockRow = { label, labelTruncated: label.endsWith('...'), contended: values.contended ?? values.acquired ?? 0, stack: [], callers: [], line: lineNo };
  if (values.acquired !== undefined) row.acquired = values.acquired;
  const setNs = (key: 'waitTotalNs' | 'waitMaxNs' | 'waitMinNs' | 'waitAvgNs', v: number | undefined) => {
    if (v !== undefined) row[key] = nanos(v);
  };
  setNs('waitTotalNs', values.wait_total);
  setNs('waitMaxNs', values.wait_max);
  setNs('waitMinNs', values.wait_min);
  setNs('waitAvgNs', values.wait_avg);
  // -F without total wait: the average times the count is what perf summed.
  if (row.waitTotalNs === undefined && row.waitAvgNs !== undefined) row.waitTotalNs = nanos(row.waitAvgNs * row.contended);
  return row;
}

/** Where a row goes depends on the trailer; report rows name locks, or threads with -t. */
type Target = 'byLock' | 'byCaller' | 'byThread' | 'byOwner';

function applyTrailer(row: LockRow, trailer: Trailer, rest: string): Target | { problem: string } {
  const t = rest.trim();
  const space = t.search(/\s/);
  const first = space < 0 ? t : t.slice(0, space);
  const tail = space < 0 ? '' : t.slice(space).trim();
  switch (trailer) {
    case 'type-caller':
      if (!first) return { problem: 'no lock type' };
      row.lockType = first;
      row.label = tail;
      return 'byCaller';
    case 'pid-comm':
    case 'pid-owner':
      if (!/^-?\d+$/.test(first)) return { problem: `'${first}' is not a pid` };
      row.tid = Number(first);
      row.label = tail || first;
      return trailer === 'pid-comm' ? 'byThread' : 'byOwner';
    case 'address-symbol': {
      if (!/^(?:0x)?[0-9a-f]+$/i.test(first)) return { problem: `'${first}' is not an address` };
      row.address = first;
      const typed = /^(.*?)\s*\(([^()]+)\)$/.exec(tail);
      row.label = (typed ? typed[1] : tail) || first;
      if (typed) row.lockType = typed[2];
      return 'byLock';
    }
  }
}

const LOCK_NAME = /\+0x|^&|->|\.\.\.$|lock|sem|mutex|mtx/i;

class PerfLockTableParser implements LineParser<LockCapture> {
  private readonly capture = emptyCapture('perf-lock-report', 'report');
  private layout: Layout | undefined;
  private section: 'preamble' | 'table' | 'info-threads' | 'info-map' | 'debug' | 'skip' = 'preamble';
  private reportRows: LockRow[] = [];
  private lastRow: LockRow | undefined;
  private readonly diagnostics = new LineTally();
  private readonly badRows = new LineTally();
  private readonly orphanStacks = new LineTally();
  private readonly notices: InputNotice[] = [];
  private complete = true;
  private sawTable = false;
  private readonly variantFlags = new Set<string>();

  constructor(private readonly file: string) {}

  push(text: string, lineNo: number): void {
    if (text.trim() === '') {
      if (this.section === 'info-threads' || this.section === 'info-map') this.section = 'preamble';
      return;
    }
    if (this.startsSection(text, lineNo)) return;
    switch (this.section) {
      case 'table':
        this.pushRow(text, lineNo);
        return;
      case 'info-threads': {
        const m = /^\s*(\d+):\s*(.*)$/.exec(text);
        if (m) this.info().threads.push({ tid: Number(m[1]), comm: m[2].trim() });
        else this.rejectRow(lineNo, 'not a `thread id: comm` line');
        return;
      }
      case 'info-map': {
        const m = /^\s*(0x[0-9a-f]+):\s*(.*)$/i.exec(text);
        if (m) this.info().instances.push({ address: m[1], name: m[2].trim() });
        else this.rejectRow(lineNo, 'not an `address: name` line');
        return;
      }
      case 'debug': {
        const m = /^\s*bad: (\d+), total: (\d+)/.exec(text);
        if (m) {
          this.capture.toolTotals.bad = Number(m[1]);
          this.capture.toolTotals.total = Number(m[2]);
        }
        return;
      }
      case 'skip':
        this.badRows.add(lineNo);
        return;
      default:
        // perf's own messages (build ids, kallsyms, `pmu capabilities`) come before the table on stderr.
        if (/^\s/.test(text) && /^\s+0x[0-9a-f]+/i.test(text)) this.orphanStacks.add(lineNo);
        else this.diagnostics.add(lineNo);
    }
  }

  private info(): NonNullable<LockCapture['info']> {
    return (this.capture.info ??= { threads: [], instances: [] });
  }

  private startsSection(text: string, lineNo: number): boolean {
    let kind: Layout['kind'] | undefined;
    if (CSV_HEADER.test(text)) kind = 'csv';
    else if (REPORT_HEADER.test(text)) kind = 'report';
    else if (CONTENTION_HEADER.test(text)) kind = 'contention';
    if (kind) {
      const parsed = parseHeader(text, lineNo, kind);
      this.sawTable = true;
      if ('unknown' in parsed) {
        this.notices.push({ message: `unknown ${nounFor(parsed.unknown.length, 'column')} ${parsed.unknown.join(', ')} in the table header; its rows were not read`, line: lineNo });
        this.complete = false;
        this.layout = undefined;
        this.section = 'skip';
        return true;
      }
      this.layout = parsed;
      this.section = 'table';
      return true;
    }
    if (INFO_THREADS.test(text)) {
      this.section = 'info-threads';
      this.variantFlags.add('info -t');
      return true;
    }
    if (INFO_MAP.test(text)) {
      this.section = 'info-map';
      this.variantFlags.add('info -m');
      return true;
    }
    if (DEBUG_START.test(text) || /^# debug: /.test(text)) {
      const m = /total=(\d+), bad=(\d+)/.exec(text);
      if (m) {
        this.capture.toolTotals.total = Number(m[1]);
        this.capture.toolTotals.bad = Number(m[2]);
      }
      this.section = 'debug';
      return true;
    }
    return false;
  }

  private pushRow(text: string, lineNo: number): void {
    const layout = this.layout as Layout;
    if (layout.kind === 'contention' && /^\s+0x[0-9a-f]+(?:\s|$)/i.test(text)) {
      if (this.lastRow) this.lastRow.stack.push(parsePerfLockFrame(text));
      else this.orphanStacks.add(lineNo);
      this.variantFlags.add('-v');
      return;
    }
    if (layout.kind === 'csv') return this.pushCsvRow(text, lineNo, layout);
    let label = '';
    let rest = text;
    if (layout.kind === 'report') {
      label = text.slice(0, layout.nameEnd).trim();
      rest = text.slice(layout.nameEnd);
    }
    const tokens = rest.trim().split(/\s+/);
    const numbers = readNumbers(tokens, layout, 0);
    if (numbers.problem) return this.rejectRow(lineNo, numbers.problem);
    const row = rowFrom(numbers.values, label, lineNo);
    let target: Target = 'byLock';
    if (layout.trailer) {
      const trailerText = tokens.slice(numbers.next).join(' ');
      const applied = applyTrailer(row, layout.trailer, trailerText);
      if (typeof applied === 'object') return this.rejectRow(lineNo, applied.problem);
      target = applied;
    } else if (numbers.next < tokens.length) {
      return this.rejectRow(lineNo, `unexpected text '${tokens.slice(numbers.next).join(' ')}'`);
    }
    if (layout.kind === 'report') this.reportRows.push(row);
    else this.capture[target].push(row);
    this.lastRow = row;
  }

  private pushCsvRow(text: string, lineNo: number, layout: Layout): void {
    const sep = layout.csvSeparator ?? ',';
    const fields = text.split(sep).map((f) => f.trim());
    const numbers = readNumbers(fields, layout, 0);
    if (numbers.problem) return this.rejectRow(lineNo, numbers.problem);
    const row = rowFrom(numbers.values, '', lineNo);
    let target: Target = 'byLock';
    if (layout.trailer) {
      const trailerFields = fields.slice(numbers.next, numbers.next + 2);
      const applied = applyTrailer(row, layout.trailer, trailerFields.join(' '));
      if (typeof applied === 'object') return this.rejectRow(lineNo, applied.problem);
      target = applied;
      // `-v` appends the stack as `0xaddr sym:0xaddr sym` in one more field.
      const stackField = fields.slice(numbers.next + 2).join(sep);
      if (layout.csvStack && stackField) for (const f of stackField.split(':')) if (f.trim()) row.stack.push(parsePerfLockFrame(f));
    }
    this.capture[target].push(row);
    this.lastRow = row;
  }

  private rejectRow(lineNo: number, reason: string): void {
    this.badRows.add(lineNo);
    if (this.badRows.count <= 3) this.notices.push({ message: `row not understood (${reason})`, line: lineNo });
    this.complete = false;
    this.lastRow = undefined;
  }

  finish(): Loaded<LockCapture> {
    const layout = this.layout;
    if (!this.sawTable && !this.capture.info) throw new InputError(this.file, 'no perf lock table header found', { line: 1 });
    const capture = this.capture;
    if (this.reportRows.length) {
      capture.tool = 'perf-lock-report';
      // `report -t` prints threads in the same `Name` column; comms never look like lock names.
      const byThread = !this.reportRows.some((r) => LOCK_NAME.test(r.label));
      if (byThread) this.variantFlags.add('-t');
      capture[byThread ? 'byThread' : 'byLock'] = this.reportRows;
    } else if (layout && layout.kind !== 'report') {
      capture.tool = 'perf-lock-contention';
      if (capture.byThread.length) this.variantFlags.add('-t');
      if (capture.byOwner.length) this.variantFlags.add('-o');
      if (capture.byLock.length) this.variantFlags.add('-l');
      if (layout.kind === 'csv') this.variantFlags.add('-x');
    } else if (capture.info) {
      capture.tool = 'perf-lock-info';
    }
    const subcommand = capture.tool === 'perf-lock-report' ? 'report' : capture.tool === 'perf-lock-contention' ? 'contention' : 'info';
    capture.variant = [subcommand, ...[...this.variantFlags].filter((f) => !f.startsWith('info'))].join(' ');
    if (capture.tool === 'perf-lock-info') capture.variant = [...this.variantFlags].join(', ');
    const notices = [...this.notices];
    if (this.badRows.count > 3) notices.push({ message: `${groupDigits(this.badRows.count)} rows not understood in all, first at line ${this.badRows.firstLine}`, line: this.badRows.firstLine });
    notices.push(...tallyNotices([this.diagnostics, 'of perf diagnostics outside the table (skipped)']));
    const orphans = this.orphanStacks.notice('of stack frames without a row above them (not counted)');
    if (orphans) {
      notices.push(orphans);
      this.complete = false;
    }
    const rows = this.reportRows.length + capture.byLock.length + capture.byCaller.length + capture.byThread.length + capture.byOwner.length;
    // No row is no evidence either way: say so, rather than a quiet "no findings" read as a healthy lock picture.
    if (rows === 0 && !capture.info && this.complete) {
      notices.push({ message: 'the table lists no lock: perf recorded no contended lock while it ran (a program that never waited, or a kernel without the lock tracepoints)' });
    }
    if (capture.toolTotals.bad) notices.push({ message: `perf reports ${groupDigits(capture.toolTotals.bad)} of ${capture.toolTotals.total === undefined ? '?' : groupDigits(capture.toolTotals.total)} lock events in a bad sequence; its table leaves them out` });
    return { artifact: capture, complete: this.complete, notices };
  }
}

export const perfLockTableFormat = lineFormat<LockCapture>({
  id: 'perf-lock-table',
  label: 'perf lock report / contention / info (text or -x CSV)',
  phase: 'reading perf lock table',
  sniff: sniffPerfLockTable,
  parser: (file) => new PerfLockTableParser(file),
});
