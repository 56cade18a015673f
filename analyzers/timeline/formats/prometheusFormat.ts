import { InputError } from '../../core/inputError';
import { shownValue } from '../../core/shownValue';
import type { EpochMillis } from '../../core/units';
import type { InputFormat, InputNotice, LoadContext, Loaded } from '../../ingest/capability';
import type { FileSource } from '../../ingest/fileSource';
import { parseJsonDocument } from '../../ingest/jsonDocument';
import { readJsonText } from './jsonDocument';
import { ALERT_SERIES, AlertCollector } from './prometheusAlerts';
import type { TimelineArtifact } from '../artifact';
import { unitFromName } from '../metricUnits';
import { SeriesBuilder } from '../seriesBuilder';

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
  const parsed = parseJsonDocument(text);
  if ('error' in parsed) throw new InputError(source.name, `is not valid JSON (${parsed.error})`, parsed.at);
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
  results.forEach((r, i) => {
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
  if (builder.size === 0 && alerts.size === 0) throw new InputError(source.name, 'has no data points', { section: 'data.result' });
  const notices: InputNotice[] = badPoints ? [{ message: `${badPoints} points not numbers (NaN, Inf or malformed), skipped; first at ${firstBad}` }] : [];
  if (parsed.cut) {
    notices.unshift({
      message: `the JSON ends early at byte ${parsed.cut.byteOffset} (line ${parsed.cut.line}): the file was cut; read are the ${results.length} series before the cut, the last of them up to its last complete point`,
      line: parsed.cut.line,
    });
  }
  return { artifact: { series: builder.build(), events: alerts.events(lastMs), floatingEvents: [] }, complete: !parsed.cut, notices };
}

export const prometheusFormat: InputFormat<TimelineArtifact> = {
  id: 'prometheus-query-range',
  label: 'Prometheus query_range JSON (matrix)',
  // Any query answer is claimed, so that an instant query (vector) is told why it cannot be used.
  sniff: (head) => /^\s*\{/.test(head) && /"resultType"\s*:\s*"(?:matrix|vector|scalar|string)"/.test(head),
  load: loadPrometheus,
};
