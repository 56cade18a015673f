import { InputError } from '../../core/inputError';
import type { InputFormat, Loaded } from '../../ingest/capability';
import { plural } from '../../core/numberFormat';
import { LineTally, tallyNotices } from '../../ingest/lineTally';
import { loadLines, type LineParser } from '../../ingest/lineInput';
import type { TimelineArtifact } from '../artifact';
import { splitHeader } from '../metricUnits';
import { SeriesBuilder } from '../seriesBuilder';
import { parseTimestamp } from '../timeParse';
import type { MetricUnit } from '../../core/timeSeries';

const TIME_COLUMN = /^(time|timestamp|ts|date|datetime|_time|epoch|epoch_s|epoch_ms|time_ms|time_s|timestamp_ms|unix_time)$/i;

/** Splits one CSV record; quoted fields (Grafana quotes every header) may hold commas and `""`. */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

function timeColumnOf(header: readonly string[]): number {
  return header.findIndex((h) => TIME_COLUMN.test(h.trim()));
}

/** How exporters write a missing value (Grafana `null`, Prometheus `NaN`, a spreadsheet's `-` or `N/A`). */
const GAP = /^(?:|null|nan|-|n\/a)$/i;

/** Metrics as CSV: one time column (ISO 8601 or epoch s/ms), one column per metric. */
class CsvMetricsParser implements LineParser<TimelineArtifact> {
  private columns: { name: string; unit: MetricUnit }[] = [];
  private timeCol = -1;
  private readonly builder: SeriesBuilder;
  private readonly badLines = new LineTally();
  private readonly emptyCells = new LineTally();
  private readonly badCells = new LineTally();
  private assumedUtc = false;

  constructor(private readonly file: string) {
    this.builder = new SeriesBuilder(file);
  }

  push(text: string, lineNo: number): void {
    if (text.trim() === '' || text.startsWith('#')) return;
    const cells = splitCsvLine(text);
    if (this.timeCol < 0) {
      this.timeCol = timeColumnOf(cells);
      if (this.timeCol < 0) throw new InputError(this.file, 'the CSV header has no time column (time, timestamp, ts, date, epoch…)', { line: lineNo });
      this.columns = cells.map((c) => splitHeader(c));
      return;
    }
    const time = parseTimestamp(cells[this.timeCol]);
    if (!time || cells.length !== this.columns.length) {
      this.badLines.add(lineNo);
      return;
    }
    if (time.assumedUtc) this.assumedUtc = true;
    for (let c = 0; c < cells.length; c++) {
      if (c === this.timeCol) continue;
      const cell = cells[c].trim();
      const v = Number(cell);
      if (cell === '' || !Number.isFinite(v)) {
        // A gap as exporters write one is no value; any other text is a value the file lost.
        (GAP.test(cell) ? this.emptyCells : this.badCells).add(lineNo);
        continue;
      }
      this.builder.add(this.columns[c].name, this.columns[c].unit, {}, time.ms, v);
    }
  }

  finish(): Loaded<TimelineArtifact> {
    if (this.timeCol < 0) throw new InputError(this.file, 'has no CSV header');
    if (this.builder.size === 0) throw new InputError(this.file, 'has no numeric metric values under its header');
    const notices = tallyNotices(
      [this.badLines, 'not understood (time not readable or wrong number of columns)'],
      [this.badCells, 'with a value that is not a number (those cells left out)'],
      [this.emptyCells, 'with empty cells (gaps)'],
    );
    if (this.assumedUtc) notices.push({ message: 'times have no time zone; UTC assumed' });
    if (this.builder.outOfOrder) notices.push({ message: `${plural(this.builder.outOfOrder, 'row')} out of time order (sorted)` });
    return { artifact: { series: this.builder.build(), events: [], floatingEvents: [] }, complete: this.badLines.count === 0 && this.badCells.count === 0, notices };
  }
}

export const csvMetricsFormat: InputFormat<TimelineArtifact> = {
  id: 'metrics-csv',
  label: 'Metrics CSV (time column + one column per metric)',
  sniff: (head) => {
    const lines = head.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    if (lines.length < 2) return false;
    const header = splitCsvLine(lines[0].trim());
    const col = timeColumnOf(header);
    if (col < 0 || header.length < 2) return false;
    const row = splitCsvLine(lines[1].trim());
    return row.length === header.length && parseTimestamp(row[col]) !== undefined;
  },
  // A header of names over a row with numbers, as a metrics export is, but no time to read.
  nearMiss: (head) => {
    const lines = head.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    if (lines.length < 2) return undefined;
    const header = splitCsvLine(lines[0].trim());
    const row = splitCsvLine(lines[1].trim());
    if (header.length < 2 || row.length !== header.length || header.some((h) => h.trim() === '' || Number.isFinite(Number(h)))) return undefined;
    if (!row.some((c) => c.trim() !== '' && Number.isFinite(Number(c)))) return undefined;
    const col = timeColumnOf(header);
    if (col < 0) return `its header names no time column (${header.slice(0, 4).map((h) => JSON.stringify(h.trim())).join(', ')}${header.length > 4 ? ', …' : ''}; one of time, timestamp, ts, date, epoch… is needed)`;
    return `line 2: ${JSON.stringify(row[col].trim())} in column ${JSON.stringify(header[col].trim())} is not a time (ISO 8601 or epoch seconds/milliseconds)`;
  },
  load: (source, ctx) => loadLines(source, ctx, new CsvMetricsParser(source.name), 'reading metrics CSV'),
};
