import { InputError } from '../../core/inputError';
import { groupDigits } from '../../core/numberFormat';
import { shownValue } from '../../core/shownValue';
import type { EpochMillis } from '../../core/units';
import type { InputFormat, InputNotice, LoadContext, Loaded } from '../../ingest/capability';
import type { FileSource } from '../../ingest/fileSource';
import { jsonCutNotice, jsonDocumentOf, placeOf } from '../../ingest/jsonDocument';
import { readJsonText } from './jsonDocument';
import { ALERT_SERIES, AlertCollector } from './prometheusAlerts';
import type { DroppedSeries, TimelineArtifact } from '../artifact';
import { unitFromName } from '../metricUnits';
import { SeriesBuilder } from '../seriesBuilder';
import { droppedSeriesConsequence } from '../seriesRoles';

interface MatrixResult {
  metric?: Record<string, unknown>;
  values?: unknown;
}

/**
 * Prometheus `/api/v1/query_range` answers (`resultType: matrix`, values `[seconds, "string"]`), as
 * saved from the HTTP API, promtool or Grafana's query inspector; the bare `data` object too.
 */
async function loadPrometheus(source: FileSource, ctx: LoadContext): Promise<Loaded<TimelineArtifact>> {
  const text = await readJsonText(source, ctx, 'reading Prometheus JSON', 'export a shorter range or a coarser step');
  const parsed = jsonDocumentOf(source.name, text);
  const root = parsed.doc as { status?: unknown; error?: unknown; data?: { resultType?: unknown; result?: unknown }; resultType?: unknown; result?: unknown };
  if (root.status === 'error') throw new InputError(source.name, `is a Prometheus error answer: ${shownValue(root.error ?? 'no message')}`);
  const data = root.data ?? root;
  if (data.resultType !== 'matrix') throw new InputError(source.name, `holds a '${String(data.resultType)}' result; only range queries (matrix) have a time axis`, { section: 'data.resultType' });
  if (!Array.isArray(data.result)) throw new InputError(source.name, 'has no result array', { section: 'data.result' });
  const results = data.result as MatrixResult[];
  // A cut answer may end inside a series' labels, before its values: that series is not in the file.
  if (parsed.cut && results.length && !Array.isArray(results[results.length - 1].values)) results.pop();
  const builder = new SeriesBuilder(source.name);
  const alerts = new AlertCollector(source.name);
  let lastMs = -Infinity;
  let badPoints = 0;
  let firstBad: string | undefined;
  const dropped: DroppedSeries[] = [];
  const damaged = source.damage.invalidUtf8 ? damagedIdentity(text) : () => undefined;
  results.forEach((r, i) => {
    const damage = damaged(r, i);
    if (damage) {
      dropped.push({ source: source.name, ...damage });
      return;
    }
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.metric ?? {})) if (k !== '__name__') labels[k] = String(v);
    const name = typeof r.metric?.__name__ === 'string' ? r.metric.__name__ : `result ${i}`;
    const unit = unitFromName(name);
    if (!Array.isArray(r.values)) throw new InputError(source.name, `result ${i} has no values array`, { section: `data.result[${i}]` });
    const alertPoints: [EpochMillis, number][] = [];
    r.values.forEach((p: unknown, j) => {
      const ok = Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'string';
      const v = ok ? Number(p[1]) : NaN;
      // Prometheus writes NaN and ±Inf as strings; they are gaps, not values.
      if (!ok || !Number.isFinite(v)) {
        badPoints++;
        firstBad ??= `data.result[${i}].values[${j}]`;
        return;
      }
      const atMs = Math.round((p[0] as number) * 1000) as EpochMillis;
      lastMs = Math.max(lastMs, atMs);
      if (ALERT_SERIES.has(name)) alertPoints.push([atMs, v]);
      else builder.add(name, unit, labels, atMs, v);
    });
    // Prometheus' alert state is drawn as events with their firing windows, not as a 0/1 line.
    if (ALERT_SERIES.has(name)) alerts.add(name, labels, alertPoints);
  });
  if (builder.size === 0 && alerts.size === 0) throw new InputError(source.name, dropped.length ? `has no readable series (${dropped[0].where}: ${dropped[0].why})` : 'has no data points', { section: 'data.result' });
  const notices: InputNotice[] = badPoints ? [{ message: `${groupDigits(badPoints)} points not numbers (NaN, Inf or malformed), skipped; first at ${firstBad}` }] : [];
  for (const d of dropped) {
    notices.push({ message: `series ${d.where} dropped: ${d.why}${d.name ? `; it reads as ${d.name}` : ''}: ${droppedSeriesConsequence(d.name)}`, line: Number(/line (\d+)/.exec(d.where)?.[1] ?? 0) || undefined });
  }
  if (parsed.cut) notices.unshift(jsonCutNotice(parsed.cut, `the file was cut; read are the ${groupDigits(results.length)} series before the cut, the last of them up to its last complete point`));
  return {
    artifact: { series: builder.build(), events: alerts.events(lastMs), floatingEvents: [], ...(dropped.length ? { droppedSeries: dropped } : {}) },
    complete: !parsed.cut && dropped.length === 0,
    notices,
  };
}

const REPLACEMENT = '\uFFFD';

/**
 * In a file with invalid UTF-8: a series whose `metric` key or labels hold the replacement character
 * has lost its identity — read under a wrong name it would be judged as another metric (a
 * `…memory_l�mit…` would read as memory use) — so it is dropped, told by what still reads.
 * The damaged texts are found in the document in order, for their line and byte.
 */
function damagedIdentity(text: string): (r: MatrixResult, i: number) => Omit<DroppedSeries, 'source'> | undefined {
  let cursor = 0;
  return (r, i) => {
    const record = r as Record<string, unknown>;
    const otherKeys = Object.keys(record).filter((k) => k !== 'metric' && k !== 'values');
    const badKey = otherKeys.find((k) => k.includes(REPLACEMENT));
    const labelObject = (badKey !== undefined ? record[badKey] : r.metric) as Record<string, unknown> | undefined;
    const entries = Object.entries(labelObject ?? {}).map(([k, v]) => [k, String(v)] as const);
    const badLabel = entries.find(([k, v]) => k.includes(REPLACEMENT) || v.includes(REPLACEMENT));
    if (badKey === undefined && !badLabel) return undefined;
    const damagedText = badKey ?? (badLabel![0].includes(REPLACEMENT) ? badLabel![0] : badLabel![1]);
    const at = text.indexOf(damagedText, cursor);
    if (at >= 0) cursor = at + damagedText.length;
    const place = at >= 0 ? placeOf(text, at) : undefined;
    const labels = Object.fromEntries(entries.filter(([k]) => k !== '__name__'));
    const name = entries.find(([k]) => k === '__name__')?.[1];
    return {
      ...(name !== undefined ? { name } : {}),
      labels,
      where: `data.result[${i}]${place ? `, line ${place.line}, byte ${place.byteOffset}` : ''}`,
      why: badKey !== undefined ? `its "metric" key is unreadable (invalid UTF-8: ${JSON.stringify(badKey)})` : `its label ${JSON.stringify(badLabel![0])} holds invalid UTF-8 (${JSON.stringify(badLabel![1])})`,
    };
  };
}

export const prometheusFormat: InputFormat<TimelineArtifact> = {
  id: 'prometheus-query-range',
  label: 'Prometheus query_range JSON (matrix)',
  // Any query answer is claimed, so that an instant query (vector) is told why it cannot be used.
  sniff: (head) => /^\s*\{/.test(head) && /"resultType"\s*:\s*"(?:matrix|vector|scalar|string)"/.test(head),
  load: loadPrometheus,
};
