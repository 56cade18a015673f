import { InputError } from '../../core/inputError';
import type { InputFormat, Loaded } from '../../ingest/capability';
import { plural } from '../../core/numberFormat';
import { LineTally, tallyNotices } from '../../ingest/lineTally';
import { loadLines, type LineParser } from '../../ingest/lineInput';
import type { TimelineArtifact } from '../artifact';
import { explicitUnit, unitFromName } from '../metricUnits';
import { SeriesBuilder } from '../seriesBuilder';
import { parseTimestamp } from '../timeParse';
import { firstJsonObject, jsonLinesNearMiss, parseJsonObject, stringRecord } from './jsonLines';

/** `{ts, metric, value, labels?, unit?}` per line; the series is the metric plus its labels. */
class MetricJsonlParser implements LineParser<TimelineArtifact> {
  private readonly builder: SeriesBuilder;
  private readonly badLines = new LineTally();

  constructor(private readonly file: string) {
    this.builder = new SeriesBuilder(file);
  }

  push(text: string, lineNo: number): void {
    if (text.trim() === '') return;
    const r = parseJsonObject(text);
    const time = r && parseTimestamp(r.ts);
    const value = typeof r?.value === 'string' ? Number(r.value) : r?.value;
    if (!r || !time || typeof r.metric !== 'string' || typeof value !== 'number' || !Number.isFinite(value)) {
      this.badLines.add(lineNo);
      return;
    }
    const unit = (typeof r.unit === 'string' ? explicitUnit(r.unit) : undefined) ?? unitFromName(r.metric);
    this.builder.add(r.metric, unit, stringRecord(r.labels), time.ms, value);
  }

  finish(): Loaded<TimelineArtifact> {
    if (this.builder.size === 0) throw new InputError(this.file, 'has no metric records ({ts, metric, value})');
    const notices = tallyNotices([this.badLines, 'not metric records (need ts, metric and a numeric value)']);
    if (this.builder.outOfOrder) notices.push({ message: `${plural(this.builder.outOfOrder, 'record')} out of time order (sorted)` });
    return { artifact: { series: this.builder.build(), events: [], floatingEvents: [] }, complete: this.badLines.count === 0, notices };
  }
}

export const metricJsonlFormat: InputFormat<TimelineArtifact> = {
  id: 'metrics-jsonl',
  label: 'Metric JSON Lines ({ts, metric, value, labels})',
  sniff: (head) => {
    const r = firstJsonObject(head);
    return !!r && 'ts' in r && typeof r.metric === 'string' && 'value' in r;
  },
  nearMiss: (head) =>
    jsonLinesNearMiss(head, ['ts', 'metric', 'value'], (r) =>
      !parseTimestamp(r.ts) ? `ts ${JSON.stringify(r.ts)} is not a time` : typeof r.metric !== 'string' ? 'metric must be a string' : undefined,
    ),
  load: (source, ctx) => loadLines(source, ctx, new MetricJsonlParser(source.name), 'reading metric records'),
};
