import { InputError } from '../../core/inputError';
import type { InputFormat, Loaded } from '../../ingest/capability';
import { LineTally, tallyNotices } from '../../ingest/lineTally';
import { loadLines, type LineParser } from '../../ingest/lineInput';
import type { TimelineArtifact } from '../artifact';
import { stepFromLatencies, type LoadStep, type LoadTestRun } from '../loadTest';
import { loadedRun } from './loadedRun';
import { parseTimestamp } from '../timeParse';
import { splitCsvLine } from './csvMetricsFormat';

/** The JTL columns a step needs; JMeter names them so whatever `jmeter.save.saveservice.*` adds or drops. */
const REQUIRED = ['timeStamp', 'elapsed', 'success'] as const;

interface StepSamples {
  key: string;
  startMs: number;
  endMs: number;
  threads: number;
  errors: number;
  elapsed: number[];
}

/** `inventory steps 1-12` → `inventory steps`: JMeter names a thread `<thread group> <group no>-<thread no>`. */
const threadGroupOf = (threadName: string): string => threadName.replace(/\s+\d+-\d+$/, '');

/**
 * JMeter results (JTL) as CSV with its header row (`jmeter.save.saveservice.print_field_names=true`,
 * the default since JMeter 3.0): one row per sample. A step is one thread group (plans that step the
 * load run thread groups one after another), or, without thread names, a run of rows with the same
 * `allThreads`. Percentiles are exact (nearest rank over the step's samples).
 */
class JtlParser implements LineParser<TimelineArtifact> {
  private col: Record<string, number> | undefined;
  private width = 0;
  private readonly steps = new Map<string, StepSamples>();
  private current: StepSamples | undefined;
  private readonly badLines = new LineTally();
  private assumedUtc = false;

  constructor(private readonly file: string) {}

  push(text: string, lineNo: number): void {
    if (text.trim() === '') return;
    const cells = splitCsvLine(text);
    if (!this.col) {
      const col: Record<string, number> = {};
      cells.forEach((name, i) => (col[name.trim()] = i));
      const missing = REQUIRED.filter((c) => col[c] === undefined);
      if (missing.length) throw new InputError(this.file, `the JTL header lacks ${missing.join(', ')} (save it as CSV with print_field_names=true)`, { line: lineNo });
      this.col = col;
      this.width = cells.length;
      return;
    }
    const c = this.col;
    const time = parseTimestamp(cells[c.timeStamp]);
    const elapsed = Number(cells[c.elapsed]);
    const success = cells[c.success]?.trim().toLowerCase();
    if (cells.length !== this.width || !time || !Number.isFinite(elapsed) || elapsed < 0 || (success !== 'true' && success !== 'false')) {
      this.badLines.add(lineNo);
      return;
    }
    if (time.assumedUtc) this.assumedUtc = true;
    const threads = Number(cells[c.grpThreads ?? c.allThreads ?? -1] ?? NaN);
    const key = c.threadName !== undefined ? threadGroupOf(cells[c.threadName]) : `${Number(cells[c.allThreads ?? -1] ?? 0)} threads`;
    let step = this.current?.key === key ? this.current : this.steps.get(key);
    if (!step) {
      step = { key, startMs: time.ms, endMs: time.ms + elapsed, threads: 0, errors: 0, elapsed: [] };
      this.steps.set(key, step);
    }
    this.current = step;
    step.startMs = Math.min(step.startMs, time.ms);
    step.endMs = Math.max(step.endMs, time.ms + elapsed);
    if (Number.isFinite(threads)) step.threads = Math.max(step.threads, threads);
    if (success === 'false') step.errors++;
    step.elapsed.push(elapsed);
  }

  finish(): Loaded<TimelineArtifact> {
    if (!this.col) throw new InputError(this.file, 'is empty (no JTL header)');
    if (this.steps.size === 0) throw new InputError(this.file, 'has no samples under its JTL header');
    const steps: LoadStep[] = [...this.steps.values()]
      .sort((a, b) => a.startMs - b.startMs)
      .map((s) => {
        const step = stepFromLatencies({ startMs: s.startMs, durationMs: Math.max(1, s.endMs - s.startMs), errors: s.errors, latenciesMs: s.elapsed });
        if (s.threads > 0) step.concurrency = s.threads;
        return step;
      });
    const notices = tallyNotices([this.badLines, 'not samples (unreadable time, elapsed or success, or the wrong number of columns)']);
    if (this.assumedUtc) notices.push({ message: 'times have no time zone; UTC assumed' });
    const run: LoadTestRun = { tool: 'jmeter', file: this.file, clock: 'wall', steps };
    return loadedRun(run, this.badLines.count === 0, notices);
  }
}

export const jmeterJtlFormat: InputFormat<TimelineArtifact> = {
  id: 'jmeter-jtl',
  label: 'JMeter results (JTL, CSV with header)',
  sniff: (head) => {
    const header = splitCsvLine(head.split('\n', 1)[0].trim());
    return REQUIRED.every((c) => header.includes(c)) && header.includes('label');
  },
  load: (source, ctx) => loadLines(source, ctx, new JtlParser(source.name), 'reading JMeter results'),
};
