import type { MetricSeries } from '../core/timeSeries';
import type { DroppedSeries } from './artifact';
import { unitFromName } from './metricUnits';

/**
 * What a series measures, from its name and unit. Names vary by exporter, so the patterns are
 * loose; each rule states in its finding which series it used.
 */
const has = (s: Pick<MetricSeries, 'name'>, re: RegExp) => re.test(s.name.toLowerCase());

export const isMemoryLimit = (s: Pick<MetricSeries, 'name' | 'unit'>) => s.unit === 'bytes' && has(s, /limit|max|capacity/);
export const isMemory = (s: Pick<MetricSeries, 'name' | 'unit'>) => s.unit === 'bytes' && !isMemoryLimit(s) && has(s, /mem|rss|working_set|heap|resident/);
export const isCpuSystem = (s: MetricSeries) => s.unit === '%' && has(s, /cpu/) && has(s, /sys|kernel/);
export const isCpuUser = (s: MetricSeries) => s.unit === '%' && has(s, /cpu/) && has(s, /user|usr/);
export const isCpu = (s: MetricSeries) => s.unit === '%' && has(s, /cpu/) && !isCpuSystem(s) && !isCpuUser(s) && !has(s, /idle|iowait|steal/);
export const isP99Latency = (s: MetricSeries) => (s.unit === 'ms' || s.unit === 's') && has(s, /p99|99th|quantile_0?\.99|latency|duration/);
export const isErrorRate = (s: MetricSeries) => s.unit === '%' && has(s, /error|fail|5xx/);
export const isThroughput = (s: MetricSeries) => s.unit === 'ops/s' || (s.unit === 'req/s' && !has(s, /error/)) || has(s, /throughput/);
export const isCacheMisses = (s: MetricSeries) => has(s, /miss/) && !has(s, /ratio/);
export const isDbQueryRate = (s: MetricSeries) => has(s, /(db|database|sql|postgres|mysql).*(quer(y|ies)|qps)/) && !isP99Latency(s);
export const isPoolMax = (s: MetricSeries) => s.unit === 'connections' && has(s, /max|limit|size/);
export const isConnections = (s: MetricSeries) => s.unit === 'connections' && !isPoolMax(s);
/** Clients queued for a pooled connection: PgBouncer `cl_waiting`, pgbouncer_exporter `client_waiting_connections`. */
export const isClientsWaiting = (s: MetricSeries) => has(s, /cl_waiting|client_waiting|clients_waiting/);
export const isDbConnectionsTotal = (s: MetricSeries) => s.unit === 'connections' && has(s, /^(pg_connections_total|pg_stat_activity_count)$/);
export const isDbMaxConnections = (s: MetricSeries) => has(s, /^(pg_max_connections|pg_settings_max_connections)$/);
export const isDbLockWaiters = (s: MetricSeries) => has(s, /^pg_connections_waiting_on_lock$/);
export const isDbLatency = (s: MetricSeries) => isP99Latency(s) && has(s, /db|database|sql|postgres|mysql|query/);

/** Latency in ms whatever the series' unit. */
export const toMs = (s: MetricSeries, value: number) => (s.unit === 's' ? value * 1000 : value);

/** A label set's identity for matching a memory series with its limit (instance, pod, container). */
export function sameTarget(a: Pick<MetricSeries, 'labels'>, b: Pick<MetricSeries, 'labels'>): boolean {
  const keys = ['instance', 'pod', 'container', 'host', 'service'].filter((k) => k in a.labels && k in b.labels);
  return keys.every((k) => a.labels[k] === b.labels[k]);
}

/**
 * The memory limit of a memory series: the last value of a limit series of the same target (a
 * container's memory.max), else the case's memory-limit option; `series` is the limit series used.
 */
export function memoryLimitOf(s: MetricSeries, all: readonly MetricSeries[], optionBytes: number | undefined): { bytes: number | undefined; series?: MetricSeries } {
  const series = all.find((l) => isMemoryLimit(l) && sameTarget(s, l));
  return series ? { bytes: series.v[series.v.length - 1], series } : { bytes: optionBytes };
}

/**
 * The memory limit series of `s`'s target that was dropped from its file (damaged), if one reads
 * as such: the rules that need the limit say it is missing and why, instead of just "no limit known".
 */
export function droppedMemoryLimitOf(s: MetricSeries, dropped: readonly DroppedSeries[]): DroppedSeries | undefined {
  return dropped.find((d) => d.name !== undefined && isMemoryLimit({ name: d.name, unit: unitFromName(d.name) }) && sameTarget(s, d));
}

/** What the rules cannot do without a dropped series, for its notice. */
export function droppedSeriesConsequence(name: string | undefined): string {
  if (name === undefined) return 'what it measured is unknown, so no rule used it';
  const shape = { name, unit: unitFromName(name) };
  if (isMemoryLimit(shape)) return 'the memory limit series was dropped: the out-of-memory estimate and the time above 85 % of the limit are not computed for its target (unless --memory-limit is given)';
  if (isMemory(shape)) return 'its memory growth is not analysed';
  return 'no rule used it';
}
