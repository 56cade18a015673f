import { InputError } from '../core/inputError';
import type { InputFormat, Loaded } from '../ingest/capability';
import type { AllocArtifact, EventTimeUnit } from './artifact';
import { MAX_ALLOCATION_BYTES, readCanonicalEventLine, type CanonicalEventSink } from './canonicalEventLine';
import { EventLogAccumulator } from './eventLogAccumulator';
import { foreignFormatOf } from './formatMarkers';
import { parseFrameText } from './frameText';
import { LineTally, tallyNotices } from '../ingest/lineTally';
import { loadLines, type LineParser, type TextEnd } from '../ingest/lineInput';

const FORMAT = 'allocation event log';
const FORMAT_NAME = 'aftermath-alloc-events';
const CSV_META = /^#aftermath-alloc-events(?:,|$)/;
const TIME_UNITS: readonly string[] = ['ns', 'us', 'ms'];

/** `"0x55d0a1b2c3d0"` or a number → the address as a number (x86-64 addresses fit in 53 bits). */
function pointerOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.startsWith('0x') || value.startsWith('0X') ? parseInt(value.slice(2), 16) : Number(value);
  return NaN;
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;

/** A byte count one allocation can have: x86-64 and arm64 user space is 2^47 bytes; `1e26` is damage. */
const isAllocationSize = (n: unknown): n is number => isCount(n) && Number.isInteger(n) && n <= MAX_ALLOCATION_BYTES;

/** A steady-clock reading that stays exact and inside the Date range in any `tsUnit`. */
const isTimestamp = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER;

/**
 * The allocation event log (docs/alloc.md): JSON Lines, or the compact CSV variant, chosen by
 * the first line. Each line is decoded straight into the accumulator: no event objects are kept.
 */
export class EventLogParser implements LineParser<AllocArtifact> {
  private readonly acc = new EventLogAccumulator();
  private readonly notUnderstood = new LineTally();
  private csv: boolean | undefined;
  private lastLineBad = false;
  private lastLineNo = 0;
  /** The last line defines a stack: its frames cannot be checked, so a cut one reads as valid. */
  private lastLineStack = false;
  private readonly canonical: CanonicalEventSink = {
    alloc: (ptr, size, ts, stackId) => this.acc.alloc(ptr, size, ts, this.acc.stackRef(stackId)),
    free: (ptr, ts) => this.acc.free(ptr, ts),
  };

  constructor(private readonly file: string) {}

  push(text: string, lineNo: number): void {
    if (text === '') return;
    this.lastLineNo = lineNo;
    if (this.csv === undefined) this.csv = CSV_META.test(text) || /^[AFS],/.test(text);
    const ok = this.csv ? this.pushCsv(text) : this.pushJson(text);
    this.lastLineBad = !ok;
    this.lastLineStack = this.csv && text.startsWith('S,');
    if (ok) return;
    const foreign = foreignFormatOf(text, FORMAT);
    if (foreign) throw new InputError(this.file, `mixes formats: an allocation event log with ${foreign}`, { line: lineNo });
    this.notUnderstood.add(lineNo);
  }

  private pushJson(text: string): boolean {
    if (readCanonicalEventLine(text, this.canonical)) return true;
    let r: Record<string, unknown>;
    try {
      r = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return false;
    }
    if (r === null || typeof r !== 'object') return false;
    switch (r.type) {
      case 'alloc': {
        const ptr = pointerOf(r.ptr);
        if (Number.isNaN(ptr) || !isAllocationSize(r.size) || !isTimestamp(r.ts)) return false;
        let stack: number;
        if (typeof r.stack === 'number') stack = this.acc.stackRef(r.stack);
        else if (Array.isArray(r.stack) && r.stack.every((f) => typeof f === 'string')) stack = this.acc.inlineStack(r.stack, parseFrameText);
        else return false;
        this.acc.alloc(ptr, r.size, r.ts, stack);
        return true;
      }
      case 'free': {
        const ptr = pointerOf(r.ptr);
        if (Number.isNaN(ptr) || !isTimestamp(r.ts)) return false;
        this.acc.free(ptr, r.ts);
        return true;
      }
      case 'stack':
        if (typeof r.id !== 'number' || !Array.isArray(r.frames)) return false;
        this.acc.defineStack(r.id, r.frames.map((f) => parseFrameText(String(f))));
        return true;
      case 'meta':
        if (r.format !== FORMAT_NAME) return false;
        return this.meta(r.tsUnit, r.startEpochMs, r.process, r.memoryLimitBytes);
      default:
        return false;
    }
  }

  private pushCsv(text: string): boolean {
    const kind = text.charCodeAt(0);
    if (kind === 65 /* A */ || kind === 70 /* F */) {
      const f = text.split(',');
      const ptr = pointerOf(f[1]);
      if (Number.isNaN(ptr)) return false;
      if (kind === 70) {
        const ts = Number(f[2]);
        if (f.length < 3 || !isTimestamp(ts)) return false;
        this.acc.free(ptr, ts);
        return true;
      }
      const size = Number(f[2]);
      const ts = Number(f[3]);
      const stack = Number(f[5]);
      if (f.length < 6 || !isAllocationSize(size) || !isTimestamp(ts) || !Number.isInteger(stack)) return false;
      this.acc.alloc(ptr, size, ts, this.acc.stackRef(stack));
      return true;
    }
    if (kind === 83 /* S */) {
      // `S,<id>,<frame>\t<frame>...`: frames may contain commas, so only the first two split.
      const second = text.indexOf(',', 2);
      const id = Number(text.slice(2, second));
      if (second < 0 || !Number.isInteger(id)) return false;
      this.acc.defineStack(id, text.slice(second + 1).split('\t').map(parseFrameText));
      return true;
    }
    if (CSV_META.test(text)) {
      const fields = new Map(text.split(',').slice(1).map((kv) => kv.split('=') as [string, string]));
      const limit = fields.get('memoryLimitBytes');
      return this.meta(fields.get('tsUnit'), Number(fields.get('startEpochMs')), fields.get('process'), limit === undefined ? undefined : Number(limit));
    }
    return false;
  }

  private meta(tsUnit: unknown, startEpochMs: unknown, process: unknown, memoryLimitBytes: unknown): boolean {
    if (tsUnit !== undefined && (typeof tsUnit !== 'string' || !TIME_UNITS.includes(tsUnit))) return false;
    this.acc.sawMeta = true;
    if (tsUnit !== undefined) this.acc.tsUnit = tsUnit as EventTimeUnit;
    if (isCount(startEpochMs)) this.acc.startEpochMs = startEpochMs;
    if (typeof process === 'string') this.acc.process = process;
    if (isCount(memoryLimitBytes)) this.acc.memoryLimitBytes = memoryLimitBytes;
    return true;
  }

  finish(end?: TextEnd): Loaded<AllocArtifact> {
    const { artifact, notices } = this.acc.finish();
    if (artifact.events === 0) throw new InputError(this.file, 'contains no allocation or free events');
    notices.unshift(...tallyNotices([this.notUnderstood, 'not understood']));
    // A log cut off while being written ends in half a line; a cut stack line still parses.
    const cut = this.lastLineBad || (this.lastLineStack && end?.lastLineUnterminated === true);
    if (cut) notices.push({ message: 'the last line is incomplete: the log was cut off while being written', line: this.lastLineNo });
    // A line not understood is an allocation, free or stack left out: a lost free reads as a leak.
    return { artifact, complete: !cut && this.notUnderstood.count === 0, notices };
  }
}

export const eventLogFormat: InputFormat<AllocArtifact> = {
  id: 'alloc.event-log',
  label: 'Allocation event log (aftermath-alloc-events, JSON Lines or CSV)',
  sniff: (head) => {
    const nl = head.indexOf('\n');
    const first = (nl < 0 ? head : head.slice(0, nl)).trim();
    if (CSV_META.test(first)) return true;
    if (!first.startsWith('{') || !first.includes(FORMAT_NAME)) return false;
    try {
      const meta = JSON.parse(first) as Record<string, unknown>;
      return meta.type === 'meta' && meta.format === FORMAT_NAME;
    } catch {
      return false;
    }
  },
  load: (source, ctx) => loadLines(source, ctx, new EventLogParser(source.name), 'reading allocation events'),
};
