import type { Frame } from '../core/frame';
import { InputError } from '../core/inputError';
import type { PprofProfile } from './pprofModel';

/**
 * Go's legacy text profiles, as `/debug/pprof/{heap,mutex,block}?debug=1` and
 * `pprof.Lookup(name).WriteTo(w, 1)` print them (also `go build -gcflags=-memprofile`): what an
 * engineer pastes from a browser tab. They are read into the same profile as the protobuf form,
 * with the values un-sampled as `go tool pprof` does, so both forms of one profile give the same
 * figures.
 */

const HEAP_HEADER = /^heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap|heap_v2)\/(\d+)/;
const CONTENTION_HEADER = /^--- (mutex|contention):\s*$/;
const HEAP_RECORD = /^(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@((?: +0x[0-9a-f]+)*) *$/;
const CONTENTION_RECORD = /^(\d+) +(\d+) *@((?: +0x[0-9a-f]+)*) *$/;
/** `#\t0x4b47bc\tmain.cacheSession+0x9c\t./inventory_service.go:34` (symbolized frames of the record above). */
const FRAME_LINE = /^#\s+(0x[0-9a-f]+)\s+(\S+?)(?:\+0x[0-9a-f]+)?\s+(.*?):(\d+)\s*$/;

export type PprofTextKind = 'heap' | 'mutex' | 'block';

/** Which legacy text profile a file's first line opens, if any. */
export function pprofTextKind(head: string): PprofTextKind | undefined {
  const first = head.slice(0, head.indexOf('\n') >>> 0).trimEnd();
  if (HEAP_HEADER.test(first)) return 'heap';
  const contention = CONTENTION_HEADER.exec(first);
  if (contention) return contention[1] === 'mutex' ? 'mutex' : 'block';
  return undefined;
}

/**
 * Un-samples a heap record as the Go runtime's protobuf writer and `go tool pprof` do: a stack is
 * sampled with probability 1 − e^(−size/rate), so count and bytes are divided by it (truncated, as
 * Go's int64 conversion does).
 */
function unsampleHeap(count: number, size: number, rate: number): [number, number] {
  if (count === 0 || size === 0) return [0, 0];
  if (rate <= 1) return [count, size];
  const scale = 1 / (1 - Math.exp(-size / count / rate));
  return [Math.trunc(count * scale), Math.trunc(size * scale)];
}

interface Record {
  values: number[];
  addresses: string[];
  frames: Map<string, Frame[]>;
  line: number;
}

/** Parses the text (already decoded, BOM and CR removed by ingest) into a pprof profile. */
export function parsePprofText(file: string, text: string): PprofProfile {
  const lines = text.split('\n');
  const kind = pprofTextKind(text);
  if (!kind) throw new InputError(file, 'is not a Go text profile: the first line is neither "heap profile: …" nor "--- mutex:" / "--- contention:"', { line: 1 });
  const records: Record[] = [];
  let rate = 1;
  let cyclesPerSecond = 0;
  let samplingPeriod = 1;
  if (kind === 'heap') {
    const header = HEAP_HEADER.exec(lines[0])!;
    // `heap/N` carries twice the sampling rate (runtime.MemProfileRate); `heap_v2/N` the rate itself.
    rate = header[5] === 'heap' ? Number(header[6]) / 2 : Number(header[6]);
  }
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trimEnd();
    if (line === '') continue;
    // The heap profile ends with the runtime's MemStats, every line a comment after a header comment.
    if (line.startsWith('# runtime.MemStats')) break;
    const setting = /^([a-z/ ]+)=(\S+)$/.exec(line);
    if (kind !== 'heap' && setting) {
      const value = Number(setting[2]);
      if (!Number.isFinite(value) || value <= 0) throw new InputError(file, `${setting[1]} is not a positive number: ${JSON.stringify(setting[2])}`, { line: i + 1 });
      if (setting[1] === 'cycles/second') cyclesPerSecond = value;
      else if (setting[1] === 'sampling period') samplingPeriod = value;
      continue;
    }
    if (line.startsWith('#')) {
      const frame = FRAME_LINE.exec(line);
      const record = records.at(-1);
      if (!frame || !record) throw new InputError(file, `expected a frame line "#\\t0xADDR\\tfunction+0xOFF\\tfile:line", found ${JSON.stringify(line.slice(0, 80))}`, { line: i + 1 });
      // An inlined call prints several lines for one address, innermost first: each is a frame.
      const inlined = record.frames.get(frame[1]) ?? [];
      inlined.push({ fn: frame[2], file: frame[3], line: Number(frame[4]) });
      record.frames.set(frame[1], inlined);
      continue;
    }
    const match = (kind === 'heap' ? HEAP_RECORD : CONTENTION_RECORD).exec(line);
    if (!match) {
      const shape = kind === 'heap' ? '"COUNT: BYTES [COUNT: BYTES] @ 0x…"' : '"CYCLES COUNT @ 0x…"';
      throw new InputError(file, `expected a ${kind} profile record ${shape}, found ${JSON.stringify(line.slice(0, 80))}`, { line: i + 1 });
    }
    const numbers = match.slice(1, -1).map(Number);
    if (numbers.some((v) => !Number.isSafeInteger(v))) throw new InputError(file, `a count or size is too large to be real: ${JSON.stringify(line.slice(0, 80))}`, { line: i + 1 });
    records.push({ values: numbers, addresses: match.at(-1)!.trim().split(/ +/).filter(Boolean), frames: new Map(), line: i + 1 });
  }
  if (kind !== 'heap' && cyclesPerSecond === 0) throw new InputError(file, 'has no "cycles/second=" line: its delays cannot be turned into time', { line: 2 });
  const samples = records.map((r) => ({
    frames: framesOf(r),
    values: kind === 'heap' ? heapValues(r.values, rate) : contentionValues(r.values, samplingPeriod, cyclesPerSecond),
  }));
  return kind === 'heap'
    ? {
        sampleTypes: [
          { type: 'alloc_objects', unit: 'count' },
          { type: 'alloc_space', unit: 'bytes' },
          { type: 'inuse_objects', unit: 'count' },
          { type: 'inuse_space', unit: 'bytes' },
        ],
        samples,
        periodType: { type: 'space', unit: 'bytes' },
        period: rate,
        damage: [],
      }
    : { sampleTypes: [{ type: 'contentions', unit: 'count' }, { type: 'delay', unit: 'nanoseconds' }], samples, periodType: { type: 'contentions', unit: 'count' }, period: samplingPeriod, damage: [] };
}

/**
 * The record's stack, outermost last. Its addresses are return addresses; the frame lines print each
 * one less 1 (the call). Go prints no line for `runtime.goexit`, the bottom of every goroutine: an
 * address without a line in a symbolized record is dropped, as the protobuf form drops it; an
 * unsymbolized record keeps its addresses.
 */
function framesOf(r: Record): Frame[] {
  if (r.frames.size === 0) return r.addresses.map((address) => ({ address }));
  return r.addresses.flatMap((a) => r.frames.get(`0x${(parseInt(a, 16) - 1).toString(16)}`) ?? r.frames.get(a) ?? []);
}

function heapValues([inuseCount, inuseBytes, allocCount, allocBytes]: number[], rate: number): number[] {
  return [...unsampleHeap(allocCount, allocBytes, rate), ...unsampleHeap(inuseCount, inuseBytes, rate)];
}

/** Cycles to nanoseconds at the profile's clock, both scaled by the sampling period, as `go tool pprof` does. */
function contentionValues([cycles, count]: number[], period: number, cyclesPerSecond: number): number[] {
  return [count * period, Math.trunc((cycles * period) / (cyclesPerSecond / 1e9))];
}
