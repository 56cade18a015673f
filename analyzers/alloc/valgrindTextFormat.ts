import { InputError } from '../core/inputError';
import { groupDigits } from '../core/numberFormat';
import { bytes } from '../core/units';
import type { Frame } from '../core/frame';
import type { InputFormat, InputNotice, Loaded } from '../ingest/capability';
import { loadLines, type LineParser } from '../ingest/lineInput';
import { LineTally } from '../ingest/lineTally';
import type { AllocArtifact } from './artifact';
import { foreignFormatOf } from './formatMarkers';
import type { KindTotal, LeakKind, LeakRecord, LeakReport } from './model';

const FORMAT = 'Valgrind text log';
const KINDS: Record<string, LeakKind> = { 'definitely lost': 'direct', 'indirectly lost': 'indirect', 'possibly lost': 'possible', 'still reachable': 'reachable' };

// Line shapes of memcheck's text log (coregrind's `==PID== ` prefix; Valgrind 3.19 mc_leakcheck.c).
const PREFIX = /^==\d+== ?/;
// `816 (48 direct, 768 indirect) bytes in 3 blocks are definitely lost in loss record 4 of 5`
const RECORD = /^([\d,]+)(?: \(([\d,]+) direct, ([\d,]+) indirect\))? bytes in ([\d,]+) blocks are (definitely lost|indirectly lost|possibly lost|still reachable) in loss record [\d,]+ of ([\d,]+)$/;
// `at 0x4841F2F: operator new(unsigned long) (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)`,
// `by 0x10A437: profiles() (player_manager.cpp:82)`, `by 0x10CB6F: ??? (in /usr/bin/ls)`.
// A C++ name holds parentheses and colons of its own: the location is the last, plain parenthesis.
const FRAME = /^\s+(?:at|by) (0x[0-9A-Fa-f]+): (.*?)(?: \((?:in ([^()]+)|([^()\s]+):(\d+))\))?$/;
const SUMMARY_ROW = /^\s+(definitely lost|indirectly lost|possibly lost|still reachable|suppressed): ([\d,]+) bytes in ([\d,]+) blocks$/;
const num = (s: string) => Number(s.replace(/,/g, ''));

/**
 * Valgrind memcheck's text log (`--leak-check=full`, to stderr or `--log-file`), the form most
 * people have: the same loss records as `--xml=yes`, read line by line. A definitely-lost record's
 * `N (D direct, I indirect) bytes` keeps its direct part and the indirect bytes it owns apart, as
 * the XML reader does, so nothing is counted twice. The LEAK SUMMARY is the tool's own total.
 */
export class ValgrindTextParser implements LineParser<AllocArtifact> {
  private readonly records: LeakRecord[] = [];
  private readonly report: LeakReport = { type: 'leak-report', tool: 'valgrind', records: this.records, toolTotals: {}, suppressions: [], isDiff: false };
  private current: LeakRecord | undefined;
  private memcheck = false;
  private expectedRecords: number | undefined;
  private readonly byKind: Partial<Record<LeakKind, KindTotal>> = {};
  private inSummary = false;
  private readonly programOutput = new LineTally();

  constructor(private readonly file: string) {}

  push(raw: string, lineNo: number): void {
    const prefixed = PREFIX.exec(raw);
    if (!prefixed) {
      const foreign = foreignFormatOf(raw.trimEnd(), FORMAT);
      if (foreign) throw new InputError(this.file, `mixes formats: a Valgrind text log with ${foreign} (one tool's output per file, please)`, { line: lineNo });
      // The program's own output, interleaved when Valgrind writes to the same stream.
      if (raw.trim() !== '') this.programOutput.add(lineNo);
      return;
    }
    const text = raw.slice(prefixed[0].length).trimEnd();
    let m: RegExpExecArray | null;
    if (text === '') {
      this.current = undefined;
      return;
    }
    if (/^Memcheck, a memory error detector$/.test(text)) this.memcheck = true;
    if ((m = FRAME.exec(text)) && this.current) {
      const frame: Frame = { address: m[1] };
      if (m[2] !== '???') frame.fn = m[2];
      if (m[3] !== undefined) frame.module = m[3];
      if (m[4] !== undefined) {
        frame.file = m[4];
        frame.line = Number(m[5]);
      }
      this.current.frames.push(frame);
      return;
    }
    if ((m = RECORD.exec(text))) {
      const kind = KINDS[m[5]];
      this.current = { kind, bytes: bytes(num(m[2] !== undefined && kind === 'direct' ? m[2] : m[1])), blocks: num(m[4]), frames: [], line: lineNo };
      if (m[3] !== undefined && kind === 'direct') this.current.ownedIndirectBytes = bytes(num(m[3]));
      this.expectedRecords = num(m[6]);
      this.records.push(this.current);
      return;
    }
    if (text === 'LEAK SUMMARY:') this.inSummary = true;
    else if (this.inSummary && (m = SUMMARY_ROW.exec(text))) {
      if (m[1] !== 'suppressed') this.byKind[KINDS[m[1]]] = { bytes: bytes(num(m[2])), blocks: num(m[3]) };
    }
    this.current = undefined;
  }

  finish(): Loaded<AllocArtifact> {
    if (!this.memcheck && this.records.length === 0) throw new InputError(this.file, 'is not a Valgrind memcheck log (no "Memcheck, a memory error detector" line and no loss records)');
    const notices: InputNotice[] = [];
    let complete = true;
    const direct = this.byKind.direct;
    if (direct) this.report.toolTotals = { leakedBytes: direct.bytes, leakedBlocks: direct.blocks, byKind: this.byKind };
    // The announced count includes the kinds --show-leak-kinds left out (by default indirectly lost
    // and still reachable): fewer records than announced means a cut only when no LEAK SUMMARY follows.
    if (this.expectedRecords !== undefined && this.records.length < this.expectedRecords && !this.inSummary) {
      complete = false;
      notices.push({ message: `Valgrind announced ${groupDigits(this.expectedRecords)} loss records but the log holds ${groupDigits(this.records.length)} (cut short?)` });
    } else if (this.expectedRecords === undefined && !direct) {
      notices.push({ message: 'the log has no loss records and no LEAK SUMMARY: the run was not checked for leaks (--leak-check=full) or ended before Valgrind reported' });
    }
    if (direct && complete) {
      const listed = this.records.reduce((sum, r) => sum + (r.kind === 'direct' ? r.bytes : 0), 0);
      if (listed !== direct.bytes) notices.push({ message: `the definitely lost records add up to ${groupDigits(listed)} bytes but the LEAK SUMMARY says ${groupDigits(direct.bytes)}` });
    }
    const skipped = this.programOutput.notice('of program output between Valgrind\'s lines skipped');
    if (skipped) notices.push(skipped);
    if (this.records.length === 0 && direct && direct.bytes > 0) notices.push({ message: 'the log lists no loss records, only the LEAK SUMMARY: rerun with --leak-check=full for the stacks' });
    return { artifact: this.report, complete, notices };
  }
}

export const valgrindTextFormat: InputFormat<AllocArtifact> = {
  id: 'alloc.valgrind-text',
  label: 'Valgrind memcheck text log (--leak-check=full)',
  sniff: (head) => /^==\d+== Memcheck, a memory error detector/m.test(head),
  load: (source, ctx) => loadLines(source, ctx, new ValgrindTextParser(source.name), 'parsing Valgrind log'),
};
