import { InputError } from '../../core/inputError';
import type { MetricUnit } from '../../core/timeSeries';
import type { InputFormat, Loaded } from '../../ingest/capability';
import { plural } from '../../core/numberFormat';
import { LineTally, tallyNotices } from '../../ingest/lineTally';
import { loadLines, type LineParser } from '../../ingest/lineInput';
import type { TimelineArtifact } from '../artifact';
import { SeriesBuilder } from '../seriesBuilder';
import { CaptureClock, captureLoop } from './captureClock';
import { splitCsvLine } from './csvMetricsFormat';

/** SHOW POOLS columns kept, with their unit. Server connections in use are `connections`. */
const COLUMNS: Record<string, MetricUnit> = { cl_active: 'count', cl_waiting: 'count', sv_active: 'connections', sv_idle: 'connections', sv_used: 'connections' };
const FOOTER = /^\(\d+ rows?\)$/;
const RULE = /^[-+]+$/;

/** A psql table row: aligned (`a | b`), unaligned (`a|b`, `-A`) or `--csv`. */
function cellsOf(text: string): string[] {
  return text.includes('|') ? text.split('|').map((c) => c.trim()) : splitCsvLine(text).map((c) => c.trim());
}

/**
 * PgBouncer's `SHOW POOLS` (admin console, through psql) captured in a loop with a stamp line before
 * each capture. One series per pool (database, user) and column; `maxwait` (seconds) and
 * `maxwait_us` (1.8+) make one wait in ms. The admin console's own `pgbouncer` pool is left out.
 */
class PgbouncerPoolsParser implements LineParser<TimelineArtifact> {
  private readonly clock = new CaptureClock();
  private header: string[] | undefined;
  private readonly builder: SeriesBuilder;
  private readonly badLines = new LineTally();
  private rows = 0;
  private undated = 0;

  constructor(private readonly file: string) {
    this.builder = new SeriesBuilder(file);
  }

  push(text: string, lineNo: number): void {
    const t = text.trim();
    if (t === '' || this.clock.read(t) || FOOTER.test(t) || RULE.test(t)) return;
    const cells = cellsOf(t);
    if (cells.includes('database') && cells.includes('cl_waiting')) {
      this.header = cells;
      return;
    }
    const h = this.header;
    if (!h || cells.length !== h.length) {
      this.badLines.add(lineNo);
      return;
    }
    const at = this.clock.atMs;
    if (at === undefined) {
      this.undated++;
      return;
    }
    const row = new Map(h.map((name, i) => [name, cells[i]]));
    if (row.get('database') === 'pgbouncer') return;
    const labels = { database: row.get('database') ?? '', user: row.get('user') ?? '' };
    this.rows++;
    for (const [name, unit] of Object.entries(COLUMNS)) {
      const v = Number(row.get(name));
      if (row.has(name) && Number.isFinite(v)) this.builder.add(`pgbouncer_${name}`, unit, labels, at, v);
    }
    const waitS = Number(row.get('maxwait'));
    const waitUs = Number(row.get('maxwait_us') ?? 0);
    if (Number.isFinite(waitS) && Number.isFinite(waitUs)) this.builder.add('pgbouncer_maxwait_ms', 'ms', labels, at, waitS * 1000 + waitUs / 1000);
  }

  finish(): Loaded<TimelineArtifact> {
    if (this.rows === 0 && this.undated > 0) {
      throw new InputError(this.file, `has SHOW POOLS output but no time: PgBouncer prints no clock; capture it with ${captureLoop("psql -p 6432 pgbouncer -c 'SHOW POOLS'")}`);
    }
    if (this.rows === 0) throw new InputError(this.file, 'has no SHOW POOLS row of an application pool (database | user | cl_active | cl_waiting …)');
    const notices = tallyNotices([this.badLines, 'not SHOW POOLS rows']);
    if (this.undated) notices.push({ message: `${plural(this.undated, 'row')} before the first time stamp ${this.undated === 1 ? 'was' : 'were'} left out` });
    return { artifact: { series: this.builder.build(), events: [], floatingEvents: [] }, complete: this.badLines.count === 0 && this.undated === 0, notices };
  }
}

const HEADER = /^\s*database\s*[|,]\s*user\s*[|,]\s*cl_active\s*[|,]\s*cl_waiting\b/m;

export const pgbouncerPoolsFormat: InputFormat<TimelineArtifact> = {
  id: 'pgbouncer-show-pools',
  label: "PgBouncer SHOW POOLS (psql, dated captures)",
  sniff: (head) => HEADER.test(head),
  load: (source, ctx) => loadLines(source, ctx, new PgbouncerPoolsParser(source.name), 'reading PgBouncer SHOW POOLS'),
};
