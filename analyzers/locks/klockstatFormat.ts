import { InputError } from '../core/inputError';
import { nanos } from '../core/units';
import { LineTally, tallyNotices } from '../ingest/lineTally';
import type { LineParser } from '../ingest/lineInput';
import type { InputNotice, Loaded } from '../ingest/capability';
import { makeFrame } from './frames';
import { lineFormat } from './textInput';
import { emptyCapture, type LockCapture, type LockRow } from './model';

/**
 * bcc `klockstat` (tools/klockstat_example.txt): kernel mutex_lock kprobes, two tables per
 * interval in ns — `Caller Avg Spin Count Max spin Total spin` (time to acquire: a wait) and
 * `Caller Avg Hold Count Max hold Total hold`. With `-s N` the caller's stack follows its row,
 * one symbol per line. Both tables are merged per caller.
 */
const HEADER = /^\s*Caller\s+Avg (Spin|Hold)\s+Count\s+Max (?:spin|hold)\s+Total (?:spin|hold)\s*$/i;
const ROW = /^\s*(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/;

export const sniffKlockstat = (head: string): boolean => head.split('\n', 200).some((l) => HEADER.test(l));

class KlockstatParser implements LineParser<LockCapture> {
  private readonly capture = emptyCapture('klockstat', 'klockstat');
  private readonly byCaller = new Map<string, LockRow>();
  private table: 'spin' | 'hold' | undefined;
  private last: LockRow | undefined;
  private readonly badLines = new LineTally();

  constructor(private readonly file: string) {}

  push(text: string, lineNo: number): void {
    const header = HEADER.exec(text);
    if (header) {
      this.table = header[1].toLowerCase() === 'spin' ? 'spin' : 'hold';
      this.last = undefined;
      return;
    }
    if (!this.table || text.trim() === '') return;
    const m = ROW.exec(text);
    if (!m) {
      const symbol = text.trim();
      if (this.last && /^\S+$/.test(symbol)) {
        if (this.table === 'spin') this.last.stack.push(makeFrame(symbol, undefined, undefined));
        return;
      }
      this.badLines.add(lineNo);
      return;
    }
    const caller = m[1];
    let row = this.byCaller.get(caller);
    if (!row) {
      row = { label: caller, labelTruncated: false, lockType: 'mutex', contended: 0, stack: [makeFrame(caller, undefined, undefined)], callers: [], line: lineNo };
      this.byCaller.set(caller, row);
      this.capture.byCaller.push(row);
    }
    const count = Number(m[3]);
    if (this.table === 'spin') {
      row.contended += count;
      row.waitAvgNs = nanos(Number(m[2]));
      row.waitMaxNs = nanos(Math.max(row.waitMaxNs ?? 0, Number(m[4])));
      row.waitTotalNs = nanos((row.waitTotalNs ?? 0) + Number(m[5]));
    } else {
      row.acquired = (row.acquired ?? 0) + count;
      row.holdAvgNs = nanos(Number(m[2]));
      row.holdMaxNs = nanos(Math.max(row.holdMaxNs ?? 0, Number(m[4])));
      row.holdTotalNs = nanos((row.holdTotalNs ?? 0) + Number(m[5]));
    }
    this.last = row;
  }

  finish(): Loaded<LockCapture> {
    if (this.byCaller.size === 0 && this.table === undefined) throw new InputError(this.file, 'no klockstat table header found', { line: 1 });
    const notices: InputNotice[] = [{ message: 'klockstat spin time is counted as wait time (time to acquire the mutex)' }];
    notices.push(...tallyNotices([this.badLines, 'in the klockstat tables not understood (not counted)']));
    return { artifact: this.capture, complete: this.badLines.count === 0, notices };
  }
}

export const klockstatFormat = lineFormat<LockCapture>({
  id: 'klockstat',
  label: 'bcc klockstat',
  phase: 'reading klockstat',
  sniff: sniffKlockstat,
  parser: (file) => new KlockstatParser(file),
});
