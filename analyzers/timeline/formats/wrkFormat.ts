import { InputError } from '../../core/inputError';
import { millis } from '../../core/units';
import type { InputFormat, InputNotice, Loaded } from '../../ingest/capability';
import { LineTally, tallyNotices } from '../../ingest/lineTally';
import { loadLines, type LineParser } from '../../ingest/lineInput';
import type { TimelineArtifact } from '../artifact';
import type { LoadStep, LoadTestRun } from '../loadTest';
import { loadedRun } from './loadedRun';

const RUNNING = /^Running (\S+) test @ (\S+)/;
const THREADS = /^(\d+) threads and (\d+) connections$/;
const LATENCY_ROW = /^Latency\s+(\S+)\s+(\S+)\s+(\S+)\s+\S+%$/;
const PERCENTILE = /^(\d+(?:\.\d+)?)%\s+(\S+)$/;
const TOTALS = /^(\d+) requests in (\S+), \S+ read$/;
const SOCKET_ERRORS = /^Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)$/;
const NON_2XX = /^Non-2xx or 3xx responses: (\d+)$/;
const RATE = /^Requests\/sec:\s+(\S+)$/;
// Lines wrk and wrk2 print that carry nothing a step needs (wrk2's calibration and HdrHistogram spectrum).
const KNOWN = [
  /^Thread Stats\s/,
  /^Req\/Sec\s/,
  /^Latency Distribution/,
  /^Transfer\/sec:/,
  /^Detailed Percentile spectrum/,
  /^Value\s+Percentile\s+TotalCount/,
  /^#\[/,
  /^----/,
  /^Initiali[sz]ed \d+ threads/,
  /^Thread calibration:/,
  /^[\d.]+\s+[\d.]+\s+\d+\s+(?:[\d.]+|inf)$/,
];

const TIME_UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** wrk's `format_time` output (`812.00us`, `1.36s`, `2.00m`) in ms, or undefined. */
export function wrkTimeMs(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(us|ms|s|m|h)$/.exec(text);
  return m ? Number(m[1]) * TIME_UNITS[m[2]] : undefined;
}

interface Block {
  line: number;
  target: string;
  connections?: number;
  meanMs?: number;
  maxMs?: number;
  percentiles: Map<number, number>;
  requests?: number;
  durationMs?: number;
  errors: number;
  rate?: number;
}

/**
 * wrk / wrk2 output, one or more runs one after the other (a script that steps `-c` appends each
 * run): each run is one step, its connections the concurrency. wrk prints no clock, so the steps are
 * laid end to end (`clock: 'relative'`).
 */
class WrkParser implements LineParser<TimelineArtifact> {
  private block: Block | undefined;
  private readonly steps: LoadStep[] = [];
  private target: string | undefined;
  private readonly badLines = new LineTally();
  private readonly notices: InputNotice[] = [];
  private cut = 0;

  constructor(private readonly file: string) {}

  push(raw: string, lineNo: number): void {
    const text = raw.trim();
    if (text === '') return;
    const running = RUNNING.exec(text);
    if (running) {
      if (this.block) this.drop(this.block);
      this.block = { line: lineNo, target: running[2], percentiles: new Map(), errors: 0 };
      this.target ??= running[2];
      return;
    }
    const b = this.block;
    if (!b) {
      // Transfer/sec follows Requests/sec, which closes the run.
      if (!KNOWN.some((re) => re.test(text))) this.badLines.add(lineNo);
      return;
    }
    let m: RegExpExecArray | null;
    if ((m = THREADS.exec(text))) b.connections = Number(m[2]);
    else if ((m = LATENCY_ROW.exec(text))) {
      b.meanMs = wrkTimeMs(m[1]);
      b.maxMs = wrkTimeMs(m[3]);
    } else if ((m = PERCENTILE.exec(text)) && wrkTimeMs(m[2]) !== undefined) b.percentiles.set(Number(m[1]), wrkTimeMs(m[2])!);
    else if ((m = TOTALS.exec(text)) && wrkTimeMs(m[2]) !== undefined) {
      b.requests = Number(m[1]);
      b.durationMs = wrkTimeMs(m[2]);
    } else if ((m = SOCKET_ERRORS.exec(text))) b.errors += Number(m[1]) + Number(m[2]) + Number(m[3]) + Number(m[4]);
    else if ((m = NON_2XX.exec(text))) b.errors += Number(m[1]);
    else if ((m = RATE.exec(text)) && Number.isFinite(Number(m[1]))) {
      b.rate = Number(m[1]);
      this.close(b);
    } else if (!KNOWN.some((re) => re.test(text))) this.badLines.add(lineNo);
  }

  private close(b: Block): void {
    this.block = undefined;
    if (b.requests === undefined || b.durationMs === undefined || b.connections === undefined) {
      this.drop(b);
      return;
    }
    const last = this.steps[this.steps.length - 1];
    const step: LoadStep = {
      concurrency: b.connections,
      startMs: last ? last.startMs + last.durationMs : 0,
      durationMs: millis(b.durationMs),
      requests: b.requests,
      errors: b.errors,
      throughput: b.rate ?? b.requests / (b.durationMs / 1000),
    };
    if (b.meanMs !== undefined) step.meanMs = b.meanMs;
    if (b.maxMs !== undefined) step.maxMs = b.maxMs;
    const p = (q: number) => b.percentiles.get(q);
    if (p(50) !== undefined) step.p50Ms = p(50);
    if (p(90) !== undefined) step.p90Ms = p(90);
    if (p(99) !== undefined) step.p99Ms = p(99);
    this.steps.push(step);
  }

  private drop(b: Block): void {
    this.cut++;
    if (this.cut === 1) this.notices.push({ message: `the run that starts at line ${b.line} ends before its totals (requests, Requests/sec): left out`, line: b.line });
  }

  finish(): Loaded<TimelineArtifact> {
    if (this.block) this.drop(this.block);
    if (this.steps.length === 0) throw new InputError(this.file, 'has no complete wrk run (Running … test, N requests in …, Requests/sec)');
    if (this.cut > 1) this.notices[0] = { ...this.notices[0], message: `${this.cut} runs end before their totals and were left out; the first starts at line ${this.notices[0].line}` };
    const notices = [...this.notices, ...tallyNotices([this.badLines, 'not wrk output'])];
    if (this.steps.some((s) => s.p99Ms === undefined)) notices.push({ message: 'runs without --latency have no P99 (only mean and max)' });
    const run: LoadTestRun = { tool: 'wrk', file: this.file, clock: 'relative', steps: this.steps };
    if (this.target) run.target = this.target;
    return loadedRun(run, this.badLines.count === 0 && this.cut === 0, notices);
  }
}

export const wrkFormat: InputFormat<TimelineArtifact> = {
  id: 'wrk',
  label: 'wrk / wrk2 output (one or more runs)',
  sniff: (head) => /^Running \S+ test @ \S+/m.test(head) && /threads and \d+ connections/.test(head),
  load: (source, ctx) => loadLines(source, ctx, new WrkParser(source.name), 'reading wrk output'),
};
