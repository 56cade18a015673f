import { InputError } from '../../core/inputError';
import { millis } from '../../core/units';
import type { InputFormat, Loaded } from '../../ingest/capability';
import { LineTally, tallyNotices } from '../../ingest/lineTally';
import { loadLines, type LineParser } from '../../ingest/lineInput';
import type { TimelineArtifact } from '../artifact';
import type { LoadStep, LoadTestRun } from '../loadTest';
import { loadedRun } from './loadedRun';
import { parseTimestamp } from '../timeParse';
import { splitCsvLine } from './csvMetricsFormat';

type Columns = Record<string, number>;

function columnsOf(header: readonly string[]): Columns {
  const col: Columns = {};
  header.forEach((name, i) => (col[name.trim()] = i));
  return col;
}

/** A Locust number cell; `N/A` (no request yet in the window) is undefined. */
function cellNumber(cells: readonly string[], i: number | undefined): number | undefined {
  if (i === undefined) return undefined;
  const v = Number(cells[i]);
  return cells[i] !== undefined && cells[i].trim() !== '' && Number.isFinite(v) ? v : undefined;
}

const HISTORY_COLUMNS = ['Timestamp', 'User Count', 'Name', 'Total Request Count', 'Total Failure Count'];
const STATS_COLUMNS = ['Type', 'Name', 'Request Count', 'Failure Count', 'Average Response Time', 'Requests/s'];

function percentilesOf(cells: readonly string[], col: Columns): Pick<LoadStep, 'p50Ms' | 'p90Ms' | 'p95Ms' | 'p99Ms'> {
  const out: Pick<LoadStep, 'p50Ms' | 'p90Ms' | 'p95Ms' | 'p99Ms'> = {};
  const set = (key: keyof typeof out, column: string) => {
    const v = cellNumber(cells, col[column]);
    if (v !== undefined) out[key] = v;
  };
  set('p50Ms', '50%');
  set('p90Ms', '90%');
  set('p95Ms', '95%');
  set('p99Ms', '99%');
  return out;
}

/** A Locust CSV: blank lines skipped, the first line names the columns, every other line is a row. */
abstract class LocustCsvParser implements LineParser<TimelineArtifact> {
  protected col: Columns | undefined;
  protected width = 0;
  protected readonly badLines = new LineTally();

  constructor(protected readonly file: string) {}

  push(text: string, lineNo: number): void {
    if (text.trim() === '') return;
    const cells = splitCsvLine(text);
    if (!this.col) {
      this.col = columnsOf(cells);
      this.width = cells.length;
      return;
    }
    this.row(cells, lineNo, this.col);
  }

  protected abstract row(cells: string[], lineNo: number, col: Columns): void;
  abstract finish(): Loaded<TimelineArtifact>;
}

interface HistoryRow {
  ms: number;
  users: number;
  requests: number;
  failures: number;
  cells: string[];
}

/**
 * Locust `--csv PREFIX` history (`PREFIX_stats_history.csv`): one `Aggregated` row per second with
 * the user count, running totals and the percentiles of Locust's current-response-time window (the
 * last 10 s). A step is a run of rows with the same user count; its requests and failures are the
 * differences of the totals, its percentiles those of its last row (the window closest to the step).
 */
class LocustHistoryParser extends LocustCsvParser {
  private readonly rows: HistoryRow[] = [];

  protected row(cells: string[], lineNo: number, c: Columns): void {
    if (cells[c.Name] !== 'Aggregated') return; // per-endpoint rows (--csv-full-history) repeat the totals by name
    const time = parseTimestamp(cells[c.Timestamp]);
    const users = cellNumber(cells, c['User Count']);
    const requests = cellNumber(cells, c['Total Request Count']);
    const failures = cellNumber(cells, c['Total Failure Count']);
    if (cells.length !== this.width || !time || users === undefined || requests === undefined || failures === undefined) {
      this.badLines.add(lineNo);
      return;
    }
    this.rows.push({ ms: time.ms, users, requests, failures, cells });
  }

  finish(): Loaded<TimelineArtifact> {
    const col = this.col;
    if (!col) throw new InputError(this.file, 'is empty (no Locust history header)');
    const steps: LoadStep[] = [];
    let prev: HistoryRow | undefined;
    for (let i = 0; i < this.rows.length; ) {
      let j = i;
      while (j + 1 < this.rows.length && this.rows[j + 1].users === this.rows[i].users) j++;
      const first = this.rows[i];
      const last = this.rows[j];
      const base = prev ?? first;
      const durationMs = Math.max(1000, last.ms - base.ms);
      const requests = last.requests - base.requests;
      if (first.users > 0 && requests > 0) {
        steps.push({
          concurrency: first.users,
          startMs: base.ms,
          durationMs: millis(durationMs),
          requests,
          errors: last.failures - base.failures,
          throughput: requests / (durationMs / 1000),
          ...percentilesOf(last.cells, col),
        });
      }
      prev = last;
      i = j + 1;
    }
    if (steps.length === 0) throw new InputError(this.file, 'has no Aggregated rows with users and requests');
    const notices = tallyNotices([this.badLines, 'not history rows (unreadable timestamp, user count or totals)']);
    const run: LoadTestRun = { tool: 'locust', file: this.file, clock: 'wall', steps };
    return loadedRun(run, this.badLines.count === 0, notices);
  }
}

/**
 * Locust `PREFIX_stats.csv`: the whole run per endpoint plus an `Aggregated` row; no clock and no
 * user count, so it is one step of unknown concurrency that the gate compares as a whole run.
 */
class LocustStatsParser extends LocustCsvParser {
  private aggregated: string[] | undefined;

  protected row(cells: string[], lineNo: number, col: Columns): void {
    if (cells.length !== this.width || cellNumber(cells, col['Request Count']) === undefined) this.badLines.add(lineNo);
    else if (cells[col.Name] === 'Aggregated') this.aggregated = cells;
  }

  finish(): Loaded<TimelineArtifact> {
    const col = this.col;
    const row = this.aggregated;
    if (!col) throw new InputError(this.file, 'is empty (no Locust stats header)');
    if (!row) throw new InputError(this.file, 'has no Aggregated row (the file was cut before Locust wrote it)');
    const requests = cellNumber(row, col['Request Count']) ?? 0;
    const rate = cellNumber(row, col['Requests/s']) ?? 0;
    const step: LoadStep = {
      startMs: 0,
      durationMs: millis(rate > 0 ? (1000 * requests) / rate : 0),
      requests,
      errors: cellNumber(row, col['Failure Count']) ?? 0,
      throughput: rate,
      ...percentilesOf(row, col),
    };
    const mean = cellNumber(row, col['Average Response Time']);
    const max = cellNumber(row, col['Max Response Time']);
    if (mean !== undefined) step.meanMs = mean;
    if (max !== undefined) step.maxMs = max;
    const run: LoadTestRun = { tool: 'locust', file: this.file, clock: 'relative', steps: [step] };
    return loadedRun(run, this.badLines.count === 0, tallyNotices([this.badLines, 'not stats rows']));
  }
}

const headerHas = (head: string, columns: readonly string[]) => {
  const header = splitCsvLine(head.split('\n', 1)[0].trim());
  return columns.every((c) => header.includes(c));
};

export const locustHistoryFormat: InputFormat<TimelineArtifact> = {
  id: 'locust-history',
  label: 'Locust stats history CSV (--csv …_stats_history.csv)',
  sniff: (head) => headerHas(head, HISTORY_COLUMNS),
  load: (source, ctx) => loadLines(source, ctx, new LocustHistoryParser(source.name), 'reading Locust history'),
};

export const locustStatsFormat: InputFormat<TimelineArtifact> = {
  id: 'locust-stats',
  label: 'Locust stats CSV (--csv …_stats.csv)',
  sniff: (head) => headerHas(head, STATS_COLUMNS),
  load: (source, ctx) => loadLines(source, ctx, new LocustStatsParser(source.name), 'reading Locust stats'),
};
