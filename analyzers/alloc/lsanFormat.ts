import { InputError } from '../core/inputError';
import { bytes, type Bytes } from '../core/units';
import type { InputFormat, InputNotice, Loaded } from '../ingest/capability';
import type { AllocArtifact } from './artifact';
import { foreignFormatOf } from './formatMarkers';
import { parseFrameText } from './frameText';
import { groupDigits, plural } from '../core/numberFormat';
import { LineTally } from '../ingest/lineTally';
import { loadLines, type LineParser } from '../ingest/lineInput';
import type { LeakRecord, LeakReport } from './model';

const FORMAT = 'LeakSanitizer report';

// Line shapes of compiler-rt/lib/lsan/lsan_common.cpp (LLVM 15 / GCC 12 libsanitizer).
const HEADER = /^==(\d+)==ERROR: LeakSanitizer: detected memory leaks$/;
const RECORD = /^(Direct|Indirect) leak of (\d+) byte\(s\) in (\d+) object\(s\) allocated from:$/;
// Symbolized: `#1 0x55c0b57c44d5 in leak_plain() /srv/lab/leak.cpp:18`; unsymbolized: `#1 0x55c0b57c44d5  (/srv/lab/leak+0x12d5)`.
const FRAME = /^\s+#(\d+) (0x[0-9a-fA-F]+)(?: in (.+)|\s+(\(.+\)))$/;
const OBJECTS = /^Objects leaked above:$/;
const OBJECT = /^(0x[0-9a-fA-F]+) \((\d+) bytes\)$/;
const SUPPRESSIONS = /^Suppressions used:$/;
const SUPPRESSION_HEADER = /^\s+count\s+bytes\s+template$/;
const SUPPRESSION_ROW = /^\s+(\d+)\s+(\d+)\s+(.+)$/;
const SUMMARY = /^SUMMARY: (?:AddressSanitizer|LeakSanitizer): (\d+) byte\(s\) leaked in (\d+) allocation\(s\)\.$/;
const TOP_LEAKS = /^The (\d+) top leak\(s\):$/;
const OMITTING = /^Omitting (\d+) more leak\(s\)\.$/;
const TOO_MANY = /^Too many leaks! Only the first (\d+) leaks encountered will be reported\.$/;
const RULE = /^(?:=+|-+)$/;

type Expecting = 'frames' | 'objects' | 'suppressions' | 'nothing';

/** Parses LSan/ASan leak reports, interleaved with program output, from any number of lines. */
export class LsanReportParser implements LineParser<AllocArtifact> {
  private readonly records: LeakRecord[] = [];
  private current: LeakRecord | undefined;
  private expecting: Expecting = 'nothing';
  private inReport = false;
  private reports = 0;
  private summary: { bytes: Bytes; allocations: number } | undefined;
  private readonly report: LeakReport = { type: 'leak-report', tool: 'lsan', records: this.records, toolTotals: {}, suppressions: [], isDiff: false };
  private readonly notUnderstood = new LineTally();
  private readonly programOutput = new LineTally();
  private readonly notices: InputNotice[] = [];

  constructor(private readonly file: string) {}

  push(raw: string, lineNo: number): void {
    const text = raw.trimEnd();
    let m: RegExpExecArray | null;
    if (text === '') {
      if (this.expecting === 'objects') this.expecting = 'nothing';
      return;
    }
    if ((m = FRAME.exec(text)) && this.current && this.expecting === 'frames') {
      const frame = m[3] !== undefined ? parseFrameText(m[3]) : parseFrameText(m[4]);
      frame.address = m[2];
      this.current.frames.push(frame);
      return;
    }
    if ((m = RECORD.exec(text))) {
      this.current = { kind: m[1] === 'Direct' ? 'direct' : 'indirect', bytes: bytes(Number(m[2])), blocks: Number(m[3]), frames: [], line: lineNo };
      this.records.push(this.current);
      this.expecting = 'frames';
      this.inReport = true;
      return;
    }
    if (HEADER.test(text)) {
      this.reports++;
      this.inReport = true;
      this.expecting = 'nothing';
      return;
    }
    if (OBJECTS.test(text) && this.current) {
      this.expecting = 'objects';
      return;
    }
    if ((m = OBJECT.exec(text)) && this.current && this.expecting === 'objects') {
      (this.current.objects ??= []).push({ address: m[1], bytes: bytes(Number(m[2])) });
      return;
    }
    if (SUPPRESSIONS.test(text)) {
      this.current = undefined;
      this.expecting = 'suppressions';
      return;
    }
    if (this.expecting === 'suppressions' && SUPPRESSION_HEADER.test(text)) return;
    if (this.expecting === 'suppressions' && (m = SUPPRESSION_ROW.exec(text))) {
      this.report.suppressions.push({ count: Number(m[1]), bytes: bytes(Number(m[2])), template: m[3] });
      return;
    }
    if ((m = SUMMARY.exec(text))) {
      const prior = this.summary;
      this.summary = { bytes: bytes((prior?.bytes ?? 0) + Number(m[1])), allocations: (prior?.allocations ?? 0) + Number(m[2]) };
      this.current = undefined;
      this.expecting = 'nothing';
      this.inReport = false;
      return;
    }
    if (RULE.test(text)) {
      if (this.expecting === 'suppressions' && this.report.suppressions.length) this.expecting = 'nothing';
      return;
    }
    if ((m = OMITTING.exec(text))) {
      this.notices.push({ message: `LeakSanitizer listed only its top leaks and omitted ${m[1]} more (max_leaks); totals come from its SUMMARY`, line: lineNo });
      return;
    }
    if ((m = TOO_MANY.exec(text))) {
      this.notices.push({ message: `LeakSanitizer reported only the first ${m[1]} leaks it found`, line: lineNo });
      return;
    }
    if (TOP_LEAKS.test(text)) return;
    const foreign = foreignFormatOf(text, FORMAT);
    if (foreign) throw new InputError(this.file, `mixes formats: a LeakSanitizer report with ${foreign} (one tool's output per file, please)`, { line: lineNo });
    // Lines between records are the program's own output or something garbled; outside a report
    // they are ordinary program output, which the user expects to be skipped but counted.
    if (this.inReport) this.notUnderstood.add(lineNo);
    else this.programOutput.add(lineNo);
  }

  finish(): Loaded<AllocArtifact> {
    const notices = [...this.notices];
    if (this.reports === 0 && this.records.length === 0) {
      throw new InputError(this.file, 'contains no LeakSanitizer report (no "ERROR: LeakSanitizer" line and no leak records)');
    }
    let complete = true;
    if (this.summary) {
      this.report.toolTotals = { leakedBytes: this.summary.bytes, leakedBlocks: this.summary.allocations };
      const listed = this.records.reduce((s, r) => s + r.bytes, 0);
      if (listed !== this.summary.bytes && !notices.length) {
        notices.push({ message: `the records add up to ${groupDigits(listed)} bytes but the SUMMARY says ${groupDigits(this.summary.bytes)}` });
      }
      // A garbled line may be a record's first line: the SUMMARY tells whether one was lost.
      if (listed < this.summary.bytes && this.notUnderstood.count > 0) complete = false;
    } else if (this.reports > 0 || this.records.length > 0) {
      complete = false;
      notices.push({ message: `the report ends before its SUMMARY line (truncated?): ${plural(this.records.length, 'leak record')} read, the last one possibly cut short` });
    }
    if (this.reports > 1) notices.push({ message: `${this.reports} LeakSanitizer reports in one file; their records and totals are merged` });
    for (const n of [this.notUnderstood.notice('inside the report not understood'), this.programOutput.notice('of program output outside the report skipped')]) if (n) notices.push(n);
    return { artifact: this.report, complete, notices };
  }
}

export const lsanFormat: InputFormat<AllocArtifact> = {
  id: 'alloc.lsan',
  label: 'LeakSanitizer / AddressSanitizer leak report (text)',
  sniff: (head) => /^==\d+==ERROR: LeakSanitizer: detected memory leaks/m.test(head) || /^(?:Direct|Indirect) leak of \d+ byte\(s\) in \d+ object\(s\) allocated from:/m.test(head),
  load: (source, ctx) => loadLines(source, ctx, new LsanReportParser(source.name), 'parsing LeakSanitizer report'),
};
