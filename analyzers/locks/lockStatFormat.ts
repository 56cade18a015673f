import { InputError } from '../core/inputError';
import { nanos, type Nanos } from '../core/units';
import { LineTally, tallyNotices } from '../ingest/lineTally';
import type { LineParser } from '../ingest/lineInput';
import type { InputNotice, Loaded } from '../ingest/capability';
import { makeFrame } from './frames';
import { lineFormat } from './textInput';
import { emptyCapture, type LockCapture, type LockRow } from './model';

/**
 * `/proc/lock_stat` version 0.4 (CONFIG_LOCK_STAT, Documentation/locking/lockstat.rst). Times are
 * microseconds with decimals. One row per lock class (`-R`/`-W` suffixes for the read and write
 * sides of rwlocks/rwsems), then up to four contention points (`count [<ip>] sym+off/len`) after a
 * dashed line, and up to four "contending" points (where the holder was) after a second one.
 */
const CLASS_ROW = /^\s*(.+?):\s+((?:-?\d+(?:\.\d+)?\s+){11}-?\d+(?:\.\d+)?)\s*$/;
const POINT = /^\s*(.+?)\s+(\d+)\s+\[<([0-9a-f]+)>\]\s+(\S+)\s*$/;

export const sniffLockStat = (head: string): boolean => /^lock_stat version 0\.\d/m.test(head);

const usToNs = (v: string): Nanos => nanos(Math.round(Number(v) * 1000));

class LockStatParser implements LineParser<LockCapture> {
  private readonly capture = emptyCapture('lock-stat', 'lock_stat');
  private current: LockRow | undefined;
  private dashes = 0;
  private readonly badLines = new LineTally();
  private version: string | undefined;

  constructor(private readonly file: string) {}

  push(text: string, lineNo: number): void {
    const t = text.trim();
    if (t === '') return;
    const version = /^lock_stat version (\S+)/.exec(t);
    if (version) {
      this.version = version[1];
      return;
    }
    if (/^-+$/.test(t) || /^\.+$/.test(t)) {
      this.dashes++;
      return;
    }
    if (/^class name\s+con-bounces/.test(t)) return;
    const row = CLASS_ROW.exec(text);
    if (row) {
      const v = row[2].trim().split(/\s+/);
      const name = row[1].trim();
      const side = /-([RW])$/.exec(name)?.[1];
      const acquisitions = Number(v[7]);
      const lock: LockRow = {
        label: name,
        labelTruncated: false,
        contended: Number(v[1]),
        acquired: acquisitions,
        waitMinNs: usToNs(v[2]),
        waitMaxNs: usToNs(v[3]),
        waitTotalNs: usToNs(v[4]),
        waitAvgNs: usToNs(v[5]),
        holdMaxNs: usToNs(v[9]),
        holdTotalNs: usToNs(v[10]),
        holdAvgNs: usToNs(v[11]),
        stack: [],
        callers: [],
        line: lineNo,
      };
      if (side === 'R') lock.reads = acquisitions;
      if (side === 'W') lock.writes = acquisitions;
      this.capture.byLock.push(lock);
      this.current = lock;
      this.dashes = 0;
      return;
    }
    const point = POINT.exec(text);
    if (point && this.current) {
      const frame = makeFrame(point[4], `0x${point[3]}`, undefined);
      // Points after the second dashed line say where the holder was, not who waited.
      const label = this.dashes >= 2 ? `${frame.symbol} (holder)` : frame.symbol;
      this.current.callers.push({ label, count: Number(point[2]), stack: [frame] });
      return;
    }
    this.badLines.add(lineNo);
  }

  finish(): Loaded<LockCapture> {
    if (this.version === undefined) throw new InputError(this.file, "missing the 'lock_stat version' line", { line: 1 });
    const notices: InputNotice[] = [];
    if (!this.version.startsWith('0.4')) notices.push({ message: `lock_stat version ${this.version}: read as version 0.4` });
    notices.push(...tallyNotices([this.badLines, 'not understood as lock_stat classes or contention points (not counted)']));
    return { artifact: this.capture, complete: this.badLines.count === 0, notices };
  }
}

export const lockStatFormat = lineFormat<LockCapture>({
  id: 'lock-stat',
  label: '/proc/lock_stat (version 0.4)',
  phase: 'reading lock_stat',
  sniff: sniffLockStat,
  parser: (file) => new LockStatParser(file),
});
