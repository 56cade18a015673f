import type { MetricUnit } from '../core/timeSeries';

const EXPLICIT: Record<string, MetricUnit> = {
  b: 'bytes', byte: 'bytes', bytes: 'bytes', '%': '%', percent: '%', pct: '%', ms: 'ms', millis: 'ms', milliseconds: 'ms',
  s: 's', sec: 's', seconds: 's', 'ops/s': 'ops/s', ops: 'ops/s', 'req/s': 'req/s', rps: 'req/s', qps: 'req/s',
  count: 'count', connections: 'connections', conns: 'connections',
};

/** A unit written out (`ms`, `[bytes]`, `percent`), or undefined when the text is not one. */
export function explicitUnit(text: string): MetricUnit | undefined {
  return EXPLICIT[text.trim().toLowerCase()];
}

/**
 * A column header such as `latency (ms)` or `memory [bytes]`: the name without the unit, and the
 * unit from the brackets or, failing that, from the name.
 */
export function splitHeader(header: string): { name: string; unit: MetricUnit } {
  const m = /^(.*?)\s*[([]([^)\]]+)[)\]]\s*$/.exec(header.trim());
  const stated = m ? explicitUnit(m[2]) : undefined;
  if (m && stated) return { name: m[1], unit: stated };
  return { name: header.trim(), unit: unitFromName(header) };
}

/**
 * Infers the unit from the naming conventions of Prometheus (`_bytes`, `_seconds`, `_ratio`) and
 * of hand-made exporters (`_ms`, `_percent`, `cpu`, `ops_per_s`). Order matters: `cpu_seconds`
 * is seconds, `memory_percent` is a percentage.
 */
export function unitFromName(name: string): MetricUnit {
  const n = name.toLowerCase();
  if (/(^|[_\s.-])(percent|pct|utili[sz]ation)($|[_\s.-])|%/.test(n)) return '%';
  if (/(^|[_\s.-])(ms|millis|milliseconds)($|[_\s.-])/.test(n)) return 'ms';
  if (/(^|[_\s.-])(seconds|secs|sec)($|[_\s.-])/.test(n) && !/per_?s/.test(n)) return 's';
  if (/bytes|(^|[_\s.-])(rss|working_set|memory|mem|heap)($|[_\s.-])/.test(n)) return 'bytes';
  if (/cpu/.test(n)) return '%';
  if (/(^|[_\s.-])(ops|throughput|operations)($|[_\s.-])/.test(n)) return 'ops/s';
  if (/(^|[_\s.-])(req|reqs|requests|rps|qps)($|[_\s.-])|request_rate/.test(n)) return 'req/s';
  if (/conn(ection)?s?($|[_\s.-])|(^|[_\s.-])pool/.test(n)) return 'connections';
  if (/(^|[_\s.-])(hits|misses|count|total|errors|queries)($|[_\s.-])/.test(n)) return 'count';
  if (/latency|duration|p9\d/.test(n)) return 'ms';
  return '';
}

/**
 * A share of one (`error_ratio` at 0.016, Prometheus' `_ratio` convention) as the percentage it is,
 * so that the rules judge it against their percent thresholds and the charts put it on a percent axis
 * rather than drawing it unitless. Only a series named as a ratio whose every value lies in 0–1.
 */
export function ratioAsPercent<S extends { name: string; unit: MetricUnit; v: number[] }>(s: S): S {
  if (s.unit !== '' || !/ratio|fraction/i.test(s.name) || !s.v.every((v) => v >= 0 && v <= 1)) return s;
  return { ...s, unit: '%', v: s.v.map((v) => v * 100) };
}
