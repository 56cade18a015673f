import { InputError } from '../../core/inputError';
import type { EpochMillis } from '../../core/units';
import type { InputFormat, Loaded } from '../../ingest/capability';
import { LineTally, tallyNotices } from '../../ingest/lineTally';
import { loadLines, type LineParser } from '../../ingest/lineInput';
import type { TimelineArtifact } from '../artifact';
import { SeriesBuilder } from '../seriesBuilder';
import { parseTimestamp } from '../timeParse';
import { splitCsvLine } from './csvMetricsFormat';

/** The snapshot's time: `now()` selected under one of these names. */
const TIME = /^(captured_at|now|ts|time|timestamp|snapshot_at|sampled_at|collected_at)$/i;
/** Columns only pg_stat_activity has (with `state`), so that an unrelated CSV with a state column is not taken. */
const ACTIVITY = /^(wait_event_type|wait_event|backend_type|backend_start|xact_start|query_start|state_change|datname|usename|pid)$/i;

interface Columns {
  time: number;
  state: number;
  waitType: number;
  backendType: number;
  maxConnections: number;
  count: number;
}

function columnsOf(header: readonly string[]): Columns | undefined {
  const names = header.map((h) => h.trim().toLowerCase());
  const time = names.findIndex((n) => TIME.test(n));
  const state = names.indexOf('state');
  if (time < 0 || state < 0 || !names.some((n) => ACTIVITY.test(n))) return undefined;
  return { time, state, waitType: names.indexOf('wait_event_type'), backendType: names.indexOf('backend_type'), maxConnections: names.indexOf('max_connections'), count: names.length };
}

interface Snapshot {
  timeText: string;
  atMs: EpochMillis;
  byState: Map<string, number>;
  waitingOnLock: number;
  maxConnections?: number;
}

/** States as pg_stat_activity names them → the series each is counted in. */
const STATE_SERIES: Record<string, string> = {
  active: 'pg_connections_active',
  idle: 'pg_connections_idle',
  'idle in transaction': 'pg_connections_idle_in_transaction',
  'idle in transaction (aborted)': 'pg_connections_idle_in_transaction',
  fastpath: 'pg_connections_active',
  'fastpath function call': 'pg_connections_active',
  disabled: 'pg_connections_other',
};

/**
 * `pg_stat_activity` snapshots as CSV, one `\copy (select now() as captured_at, … from
 * pg_stat_activity) to stdout csv header` per interval appended to one file (the header repeats:
 * each psql run prints it). Rows with the same time are one snapshot; each becomes the number of
 * client connections by state, those waiting on a heavyweight Lock, and max_connections when selected.
 */
class PgStatActivityParser implements LineParser<TimelineArtifact> {
  private columns: Columns | undefined;
  private headerText = '';
  private snapshot: Snapshot | undefined;
  private snapshots = 0;
  private readonly builder: SeriesBuilder;
  private readonly badLines = new LineTally();
  private assumedUtc = false;

  constructor(private readonly file: string) {
    this.builder = new SeriesBuilder(file);
  }

  push(text: string, lineNo: number): void {
    if (text.trim() === '') return;
    if (!this.columns) {
      this.columns = columnsOf(splitCsvLine(text));
      if (!this.columns) throw new InputError(this.file, 'the first line is not a pg_stat_activity CSV header (a time column such as captured_at, and state)', { line: lineNo });
      this.headerText = text.trim();
      return;
    }
    if (text.trim() === this.headerText) return;
    const c = this.columns;
    const cells = splitCsvLine(text);
    const time = parseTimestamp(cells[c.time]);
    if (cells.length !== c.count || !time) {
      this.badLines.add(lineNo);
      return;
    }
    if (time.assumedUtc) this.assumedUtc = true;
    if (this.snapshot?.timeText !== cells[c.time]) {
      this.close();
      this.snapshot = { timeText: cells[c.time], atMs: time.ms, byState: new Map(), waitingOnLock: 0 };
    }
    const s = this.snapshot;
    const max = c.maxConnections >= 0 ? Number(cells[c.maxConnections]) : NaN;
    if (Number.isFinite(max) && max > 0) s.maxConnections = max;
    // Background workers, the checkpointer and walsender are listed too; only client backends are connections.
    if (c.backendType >= 0 && cells[c.backendType] !== 'client backend') return;
    const state = cells[c.state].trim();
    if (state === '') return;
    s.byState.set(state, (s.byState.get(state) ?? 0) + 1);
    if (c.waitType >= 0 && cells[c.waitType] === 'Lock') s.waitingOnLock++;
  }

  private close(): void {
    const s = this.snapshot;
    this.snapshot = undefined;
    if (!s) return;
    this.snapshots++;
    const counts = new Map(Object.values(STATE_SERIES).map((name) => [name, 0]));
    let total = 0;
    for (const [state, n] of s.byState) {
      const name = STATE_SERIES[state] ?? 'pg_connections_other';
      counts.set(name, (counts.get(name) ?? 0) + n);
      total += n;
    }
    for (const [name, n] of counts) this.builder.add(name, 'connections', {}, s.atMs, n);
    this.builder.add('pg_connections_total', 'connections', {}, s.atMs, total);
    this.builder.add('pg_connections_waiting_on_lock', 'connections', {}, s.atMs, s.waitingOnLock);
    // `count`, not `connections`: a pool-size series would make the stampede rule judge the pool by
    // Postgres' own limit, which a pooler in front never reaches.
    if (s.maxConnections !== undefined) this.builder.add('pg_max_connections', 'count', {}, s.atMs, s.maxConnections);
  }

  finish(): Loaded<TimelineArtifact> {
    this.close();
    if (this.snapshots === 0) throw new InputError(this.file, 'has a pg_stat_activity header but no snapshot rows');
    const notices = tallyNotices([this.badLines, 'without a time or with a different number of columns than the header (skipped)']);
    if (this.assumedUtc) notices.push({ message: 'times without a zone were read as UTC (select now(), which carries one, as the time column)' });
    return { artifact: { series: this.builder.build(), events: [], floatingEvents: [] }, complete: this.badLines.count === 0, notices };
  }
}

const firstLine = (head: string) => head.trimStart().split(/\r?\n/, 1)[0];

export const pgStatActivityFormat: InputFormat<TimelineArtifact> = {
  id: 'pg-stat-activity-csv',
  label: 'PostgreSQL pg_stat_activity snapshots (CSV with a time column)',
  sniff: (head) => columnsOf(splitCsvLine(firstLine(head))) !== undefined,
  nearMiss: (head) => {
    const names = splitCsvLine(firstLine(head)).map((h) => h.trim().toLowerCase());
    if (names.includes('state') && names.some((n) => ACTIVITY.test(n)) && !names.some((n) => TIME.test(n))) {
      return 'it has no time column: select now() as captured_at with the other columns, so that each snapshot is dated';
    }
    return undefined;
  },
  load: (source, ctx) => loadLines(source, ctx, new PgStatActivityParser(source.name), 'reading pg_stat_activity snapshots'),
};
