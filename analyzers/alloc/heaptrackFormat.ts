import { InputError } from '../core/inputError';
import { bytes } from '../core/units';
import type { InputFormat, InputNotice, Loaded } from '../ingest/capability';
import type { AllocArtifact } from './artifact';
import { foreignFormatOf } from './formatMarkers';
import { LineTally, tallyNotices } from '../ingest/lineTally';
import { loadLines, type LineParser } from '../ingest/lineInput';
import type { LeakRecord, LeakReport, ReportSection } from './model';
import type { Frame } from '../core/frame';
import { parseSiSize, siRoundingError } from './siSize';

const FORMAT = 'heaptrack_print output';

/** The ranked sections of heaptrack_print 1.4 (`-a -p -l -T`) and how their entries read. */
interface SectionSpec {
  title: string;
  unit: ReportSection['unit'];
  /** Top entry (`... from`) and its per-backtrace breakdown (`... from:`); groups value, calls. */
  top: RegExp;
  sub: RegExp;
  /** Which capture group holds the value and which the calls. */
  value: number;
  calls: number;
}

const SECTIONS: SectionSpec[] = [
  { title: 'MOST CALLS TO ALLOCATION FUNCTIONS', unit: 'count', top: /^(-?\d+) calls to allocation functions with (\S+) peak consumption from$/, sub: /^(-?\d+) calls with (\S+) peak consumption from:$/, value: 1, calls: 1 },
  { title: 'PEAK MEMORY CONSUMERS', unit: 'bytes', top: /^(\S+) peak memory consumed over (-?\d+) calls from$/, sub: /^(\S+) consumed over (-?\d+) calls from:$/, value: 1, calls: 2 },
  { title: 'MEMORY LEAKS', unit: 'bytes', top: /^(\S+) leaked over (-?\d+) calls from$/, sub: /^(\S+) leaked over (-?\d+) calls from:$/, value: 1, calls: 2 },
  { title: 'MOST TEMPORARY ALLOCATIONS', unit: 'count', top: /^(-?\d+) temporary allocations of (-?\d+) allocations in total \([-\d.]+%\) from$/, sub: /^(-?\d+) temporary allocations of (-?\d+) allocations in total \([-\d.]+%\) from:$/, value: 1, calls: 2 },
];
const SECTION_BY_TITLE = new Map(SECTIONS.map((s) => [s.title, s]));
const LEAKS = 'MEMORY LEAKS';

const PREAMBLE = /^(?:reading (diff )?file ".*" - please wait, this might take some time\.\.\.|Debuggee command was: (.*)|finished reading file, now analyzing data:)$/;
const SUMMARY = /^(total runtime|calls to allocation functions|temporary memory allocations|peak heap memory consumption|peak RSS \(including heaptrack overhead\)|total memory leaked|suppressed leaks): (\S+)/;
const FRAME_AT = /^\s+at (.+?):(\d+)$/;
const FRAME_IN = /^\s+in (.+)$/;

interface Entry {
  value: number;
  /** How far `value` may be from the true size: heaptrack prints sizes rounded (`24.75K`). */
  rounding: number;
  calls: number;
  /** The allocating function and, when it was inlined, the functions it was inlined into (innermost first). */
  site: Frame[];
  subs: { value: number; rounding: number; calls: number; frames: Frame[] }[];
}

/** heaptrack_print text (normal and `-d` diff mode): sections, their backtraces, the totals. */
export class HeaptrackParser implements LineParser<AllocArtifact> {
  private readonly report: LeakReport = { type: 'leak-report', tool: 'heaptrack', records: [], toolTotals: {}, suppressions: [], isDiff: false, otherSections: [] };
  private section: SectionSpec | undefined;
  private readonly entries = new Map<string, Entry[]>();
  private entry: Entry | undefined;
  /** The frame list that `at`/`in` lines and further frames go to. */
  private frames: Frame[] | undefined;
  private commands = 0;
  private sawSummary = false;
  private totalRounding = 0;
  private readonly notUnderstood = new LineTally();

  constructor(private readonly file: string) {}

  push(raw: string, lineNo: number): void {
    const text = raw.trimEnd();
    if (text === '') return;
    let m: RegExpExecArray | null;
    const spec = SECTION_BY_TITLE.get(text);
    if (spec) {
      this.section = spec;
      this.entries.set(spec.title, []);
      this.entry = undefined;
      this.frames = undefined;
      return;
    }
    if ((m = PREAMBLE.exec(text))) {
      if (m[1]) this.report.isDiff = true;
      if (m[2] !== undefined && this.commands++ === 0) this.report.command = m[2];
      return;
    }
    if ((m = SUMMARY.exec(text))) {
      this.summary(m[1], m[2]);
      this.section = undefined;
      return;
    }
    if (this.section && this.takeEntryLine(text)) return;
    const foreign = foreignFormatOf(text, FORMAT);
    if (foreign) throw new InputError(this.file, `mixes formats: heaptrack_print output with ${foreign}`, { line: lineNo });
    this.notUnderstood.add(lineNo);
  }

  private takeEntryLine(text: string): boolean {
    const spec = this.section as SectionSpec;
    let m: RegExpExecArray | null;
    if ((m = spec.top.exec(text))) {
      this.entry = { value: this.number(m[spec.value], spec.unit), rounding: siRoundingError(m[spec.value]), calls: Number(m[spec.calls]), site: [], subs: [] };
      (this.entries.get(spec.title) as Entry[]).push(this.entry);
      this.frames = undefined;
      return true;
    }
    if (!this.entry) return false;
    if ((m = spec.sub.exec(text))) {
      const sub = { value: this.number(m[spec.value], spec.unit), rounding: siRoundingError(m[spec.value]), calls: Number(m[spec.calls]), frames: [] };
      this.entry.subs.push(sub);
      this.frames = sub.frames;
      return true;
    }
    if ((m = FRAME_AT.exec(text))) {
      const f = this.lastFrame();
      if (!f) return false;
      f.file = m[1].replace(/^\.\//, '');
      f.line = Number(m[2]);
      return true;
    }
    if ((m = FRAME_IN.exec(text))) {
      const f = this.lastFrame();
      if (!f) return false;
      f.module = m[1];
      return true;
    }
    // A function line: the entry's site at column 0, a backtrace frame indented by four. heaptrack
    // prints the functions an instruction was inlined into after it, with `at` and no `in` line
    // (they share its address and module): at column 0 under the site, indented in a backtrace.
    const fn = text.trim();
    const frame: Frame = /^0x[0-9a-f]+$/.test(fn) ? { address: fn } : { fn };
    const indented = /^\s/.test(text);
    // A backtrace frame at column 0 is a garbled entry line, not a function: counted, not attached.
    if (this.frames) {
      if (!indented) return false;
      this.frames.push(frame);
    }
    else if (!indented && (this.entry.site.length === 0 || frame.fn !== undefined)) this.entry.site.push(frame);
    else return false;
    return true;
  }

  private lastFrame(): Frame | undefined {
    const list = this.frames ?? this.entry?.site;
    return list?.[list.length - 1];
  }

  private number(text: string, unit: ReportSection['unit']): number {
    if (unit === 'count') return Number(text);
    return parseSiSize(text) ?? NaN;
  }

  private summary(key: string, value: string): void {
    this.sawSummary = true;
    const t = this.report.toolTotals;
    if (key === 'total memory leaked') {
      t.leakedBytes = parseSiSize(value);
      this.totalRounding = siRoundingError(value);
    }
    else if (key === 'peak heap memory consumption') t.peakBytes = parseSiSize(value);
    else if (key === 'calls to allocation functions') t.allocationCalls = Number(value);
    else if (key === 'temporary memory allocations') t.temporaryAllocations = Number(value);
  }

  finish(): Loaded<AllocArtifact> {
    if (this.entries.size === 0 && !this.sawSummary) throw new InputError(this.file, 'contains no heaptrack_print section and no totals');
    const notices: InputNotice[] = [];
    const leaks = this.entries.get(LEAKS);
    if (!leaks) notices.push({ message: 'no MEMORY LEAKS section: run heaptrack_print with -l 1 to list leaks by backtrace' });
    this.report.records = (leaks ?? []).flatMap(toRecords);
    this.report.toolTotals.leakedBytesRounding = (leaks ?? []).reduce((sum, e) => sum + recordRounding(e), this.totalRounding);
    for (const spec of SECTIONS) {
      const list = this.entries.get(spec.title);
      if (!list || spec.title === LEAKS) continue;
      this.report.otherSections?.push({
        title: spec.title,
        unit: spec.unit,
        entries: list.map((e) => ({ value: e.value, calls: e.calls, frames: withInlinedModules([...e.site, ...(e.subs[0]?.frames ?? [])]) })),
      });
    }
    notices.push(...tallyNotices([this.notUnderstood, 'not understood']));
    if (!this.sawSummary) notices.push({ message: 'the output ends before heaptrack\'s totals ("total memory leaked"): truncated?' });
    // A line not understood may have been a leak entry: the printed total tells whether one was lost.
    const listed = this.report.records.reduce((sum, r) => sum + r.bytes, 0);
    const printed = this.report.toolTotals.leakedBytes;
    const lost = this.notUnderstood.count > 0 && printed !== undefined && printed - listed > (this.report.toolTotals.leakedBytesRounding ?? 0);
    const complete = this.sawSummary && !lost;
    if (this.report.isDiff) notices.push({ message: 'heaptrack_print diff mode (-d): every number is this run minus the base run' });
    return { artifact: this.report, complete, notices };
  }
}

/** The rounding of the printed sizes an entry's records are made of (see toRecords). */
function recordRounding(e: Entry): number {
  const subs = e.subs.reduce((sum, s) => sum + s.rounding, 0);
  const coveredCalls = e.subs.reduce((sum, s) => sum + s.calls, 0);
  return e.subs.length === 0 || coveredCalls !== e.calls ? subs + e.rounding : subs;
}

/** One record per backtrace; what the printed backtraces do not cover stays on the site alone. */
function toRecords(e: Entry): LeakRecord[] {
  const records: LeakRecord[] = e.subs.map((s) => ({ kind: 'unfreed', bytes: bytes(s.value), blocks: s.calls, frames: withInlinedModules([...e.site, ...s.frames]) }));
  const coveredBytes = e.subs.reduce((sum, s) => sum + s.value, 0);
  const coveredCalls = e.subs.reduce((sum, s) => sum + s.calls, 0);
  if (e.subs.length === 0 || coveredCalls !== e.calls) {
    records.push({ kind: 'unfreed', bytes: bytes(e.value - coveredBytes), blocks: e.calls - coveredCalls, frames: withInlinedModules(e.site) });
  }
  return records;
}

/**
 * An inlined function's frame has no `in` line: it lives in the module of the frame printed just
 * before it, so a libc function inlined into libc is folded as library code, not taken for the program's.
 */
function withInlinedModules(frames: Frame[]): Frame[] {
  const out: Frame[] = [];
  for (const f of frames) {
    const module = out[out.length - 1]?.module;
    out.push(f.module === undefined && f.fn !== undefined && f.file !== undefined && module !== undefined ? { ...f, module } : f);
  }
  return out;
}

export const heaptrackFormat: InputFormat<AllocArtifact> = {
  id: 'alloc.heaptrack-print',
  label: 'heaptrack_print text output (normal or -d diff)',
  sniff: (head) => /^(?:MOST CALLS TO ALLOCATION FUNCTIONS|PEAK MEMORY CONSUMERS|MEMORY LEAKS|MOST TEMPORARY ALLOCATIONS)$/m.test(head) && /^(?:Debuggee command was: |reading file ")/m.test(head),
  load: (source, ctx) => loadLines(source, ctx, new HeaptrackParser(source.name), 'parsing heaptrack_print output'),
};
