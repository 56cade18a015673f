import { InputError } from '../core/inputError';
import { nanos } from '../core/units';
import { LineTally, tallyNotices } from '../ingest/lineTally';
import type { LineParser } from '../ingest/lineInput';
import type { InputNotice, Loaded } from '../ingest/capability';
import { parseBacktraceSymbol } from './frames';
import { lineFormat } from './textInput';
import { emptyCapture, type LockCapture, type LockFrame, type LockRow } from './model';

/**
 * mutrace's exit report (stderr). Its `*.Time[ms]` columns are how long each mutex was HELD
 * (lock → unlock), not how long threads waited for it: rows carry hold times only and the
 * capture says `timeMeaning: 'hold'`. Row format `%8u %8u %8u %8u %12.3f %12.3f %12.3f %10s`
 * (mutrace.c); the last column is `Type` in old releases and `Flags` in newer ones.
 */
const TABLE_HEADER = /^\s*(Mutex|RWLock) #\s+Locked\s+Changed\s+Cont\.\s+tot\.Time\[ms\]\s+avg\.Time\[ms\]\s+max\.Time\[ms\]\s+(Flags|Type)\s*$/;
const ROW = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+\.\d+)\s+(\d+\.\d+)\s+(\d+\.\d+)\s*(\S*)\s*$/;
const BLOCK = /^(Mutex|RWLock) #(\d+) \((?:0x)?(0x[0-9a-fA-F]+)\) first referenced by:\s*$/;

export const sniffMutrace = (head: string): boolean => /^mutrace: /m.test(head) && /(Mutex|RWLock) #/.test(head);

class MutraceParser implements LineParser<LockCapture> {
  private readonly capture = emptyCapture('mutrace', 'mutrace', 'hold');
  private readonly blocks = new Map<string, { address: string; frames: LockFrame[] }>();
  private block: LockFrame[] | undefined;
  private tableKind: string | undefined;
  private readonly badRows = new LineTally();
  private sawTable = false;

  constructor(private readonly file: string) {}

  push(text: string, lineNo: number): void {
    const block = BLOCK.exec(text);
    if (block) {
      const frames: LockFrame[] = [];
      this.blocks.set(`${block[1]}#${block[2]}`, { address: block[3], frames });
      this.block = frames;
      this.tableKind = undefined;
      return;
    }
    if (this.block && text.startsWith('\t')) {
      this.block.push(parseBacktraceSymbol(text));
      return;
    }
    this.block = undefined;
    const header = TABLE_HEADER.exec(text);
    if (header) {
      this.tableKind = header[1];
      this.sawTable = true;
      return;
    }
    const runtime = /^mutrace: Total runtime is ([\d.]+) ms/.exec(text);
    if (runtime) {
      this.capture.toolTotals.runtimeMs = Number(runtime[1]);
      this.capture.spanNs = nanos(Number(runtime[1]) * 1e6);
      return;
    }
    const processors = /^mutrace: Results for SMP with (\d+) processors/.exec(text);
    if (processors) this.capture.toolTotals.processors = Number(processors[1]);
    if (!this.tableKind || text.trim() === '') {
      if (text.trim() === '') this.tableKind = undefined;
      return;
    }
    const m = ROW.exec(text);
    if (!m) {
      // The flag legend under the table (`||||||`, `Object: M = Mutex…`) ends it.
      if (/^\s*[|/]+\s*$|:\s/.test(text)) this.tableKind = undefined;
      else this.badRows.add(lineNo);
      return;
    }
    const kind = this.tableKind;
    const info = this.blocks.get(`${kind}#${m[1]}`);
    const row: LockRow = {
      label: `${kind === 'RWLock' ? 'rwlock' : 'mutex'} #${m[1]}${info ? ` (${info.address})` : ''}`,
      labelTruncated: false,
      lockType: kind === 'RWLock' ? 'rwlock' : 'mutex',
      acquired: Number(m[2]),
      contended: Number(m[4]),
      holdTotalNs: nanos(Number(m[5]) * 1e6),
      holdAvgNs: nanos(Number(m[6]) * 1e6),
      holdMaxNs: nanos(Number(m[7]) * 1e6),
      stack: info?.frames ?? [],
      callers: [],
      line: lineNo,
    };
    if (info) row.address = info.address;
    this.capture.byLock.push(row);
    this.capture.toolTotals[`${row.label}.ownerChanges`] = Number(m[3]);
  }

  finish(): Loaded<LockCapture> {
    if (!this.sawTable) throw new InputError(this.file, 'mutrace output without its table header (` Mutex #   Locked  Changed    Cont. …`)', { line: 1 });
    const notices: InputNotice[] = [{ message: 'mutrace times are how long each mutex was held, not how long threads waited for it' }];
    notices.push(...tallyNotices([this.badRows, 'in the mutrace table not understood (not counted)']));
    // mutrace prints its totals after the table at exit: without them the report was cut.
    const hasTotals = this.capture.toolTotals.runtimeMs !== undefined;
    if (!hasTotals) notices.push({ message: 'the report ends before mutrace\'s "Total runtime" line: it was cut, the table may lack rows' });
    return { artifact: this.capture, complete: this.badRows.count === 0 && hasTotals, notices };
  }
}

export const mutraceFormat = lineFormat<LockCapture>({
  id: 'mutrace',
  label: 'mutrace report (hold times)',
  phase: 'reading mutrace report',
  sniff: sniffMutrace,
  parser: (file) => new MutraceParser(file),
});
