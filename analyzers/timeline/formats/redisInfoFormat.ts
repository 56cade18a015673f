import { InputError } from '../../core/inputError';
import type { EpochMillis } from '../../core/units';
import type { MetricUnit } from '../../core/timeSeries';
import type { InputFormat, Loaded } from '../../ingest/capability';
import { groupDigits, plural } from '../../core/numberFormat';
import { LineTally, tallyNotices } from '../../ingest/lineTally';
import { loadLines, type LineParser } from '../../ingest/lineInput';
import type { TimelineArtifact } from '../artifact';
import { CounterRates } from '../counterRates';
import { SeriesBuilder } from '../seriesBuilder';
import { CaptureClock, captureLoop } from './captureClock';

const FIELD = /^([a-z][a-z0-9_]*):(.*)$/;
const SECTION = /^# [A-Z][A-Za-z]*$/;

/** Cumulative counters: shown as per-second rates between captures (a miss spike is a rate). */
const COUNTERS: Record<string, string> = {
  keyspace_hits: 'redis_keyspace_hits_per_s',
  keyspace_misses: 'redis_keyspace_misses_per_s',
  expired_keys: 'redis_expired_keys_per_s',
  evicted_keys: 'redis_evicted_keys_per_s',
  rejected_connections: 'redis_rejected_connections_per_s',
};
/** Gauges as INFO states them. Client counts are `count`, not `connections`: those name a DB pool. */
const GAUGES: Record<string, [string, MetricUnit]> = {
  instantaneous_ops_per_sec: ['redis_instantaneous_ops_per_sec', 'ops/s'],
  connected_clients: ['redis_connected_clients', 'count'],
  blocked_clients: ['redis_blocked_clients', 'count'],
  used_memory: ['redis_used_memory_bytes', 'bytes'],
  used_memory_rss: ['redis_used_memory_rss_bytes', 'bytes'],
};

interface Capture {
  line: number;
  stampMs: EpochMillis | undefined;
  fields: Map<string, string>;
}

/**
 * `redis-cli INFO [stats]` captured once or in a loop (`date -Is` before each capture). INFO has
 * no clock of its own unless the server section is included (`server_time_usec`, Redis 6.2+), so
 * a capture is dated by the stamp line before it, else by that field. A key seen twice starts the
 * next capture, so that loops without stamp lines still split.
 */
class RedisInfoParser implements LineParser<TimelineArtifact> {
  private readonly clock = new CaptureClock();
  private readonly builder: SeriesBuilder;
  private readonly rates: CounterRates;
  private current: Capture | undefined;
  private captures = 0;
  private dated = 0;
  private readonly badLines = new LineTally();

  constructor(private readonly file: string) {
    this.builder = new SeriesBuilder(file);
    this.rates = new CounterRates(this.builder);
  }

  push(text: string, lineNo: number): void {
    const t = text.trim();
    if (t === '') return;
    if (this.clock.read(t)) {
      this.close();
      return;
    }
    if (SECTION.test(t)) return;
    const m = FIELD.exec(t);
    if (!m) {
      this.badLines.add(lineNo);
      return;
    }
    if (this.current?.fields.has(m[1])) this.close();
    this.current ??= { line: lineNo, stampMs: this.clock.atMs, fields: new Map() };
    this.current.fields.set(m[1], m[2]);
  }

  private close(): void {
    const c = this.current;
    this.current = undefined;
    if (!c) return;
    this.captures++;
    const usec = Number(c.fields.get('server_time_usec'));
    const atMs = c.stampMs ?? (Number.isFinite(usec) && usec > 0 ? ((usec / 1000) as EpochMillis) : undefined);
    if (atMs === undefined) return;
    this.dated++;
    for (const [field, name] of Object.entries(COUNTERS)) {
      const v = Number(c.fields.get(field));
      if (c.fields.has(field) && Number.isFinite(v)) this.rates.add(name, 'count', {}, atMs, v);
    }
    for (const [field, [name, unit]] of Object.entries(GAUGES)) {
      const v = Number(c.fields.get(field));
      if (c.fields.has(field) && Number.isFinite(v)) this.builder.add(name, unit, {}, atMs, v);
    }
  }

  finish(): Loaded<TimelineArtifact> {
    this.close();
    if (this.captures === 0) throw new InputError(this.file, 'has no INFO fields (keyspace_hits:…, instantaneous_ops_per_sec:…)');
    if (this.dated === 0) {
      throw new InputError(
        this.file,
        `has ${this.captures === 1 ? 'one INFO capture' : plural(this.captures, 'INFO capture')} and no time: INFO stats prints no clock; capture it with ${captureLoop('redis-cli INFO stats')} (or include the server section, whose server_time_usec dates it)`,
      );
    }
    const notices = tallyNotices([this.badLines, 'not INFO fields']);
    if (this.dated < this.captures) notices.push({ message: `${groupDigits(this.captures - this.dated)} of ${plural(this.captures, 'capture')} have no time stamp and were left out` });
    if (this.dated === 1) notices.push({ message: 'one dated capture: its counters (hits, misses, expired, evicted) need a second capture to give rates' });
    if (this.rates.resets) notices.push({ message: `counters went down ${plural(this.rates.resets, 'time')} (the server restarted): those intervals have no rate` });
    return {
      artifact: { series: this.builder.build(), events: [], floatingEvents: [] },
      complete: this.badLines.count === 0 && this.dated === this.captures,
      notices,
    };
  }
}

const hasField = (head: string, field: string) => new RegExp(`^${field}:\\S`, 'm').test(head);

export const redisInfoFormat: InputFormat<TimelineArtifact> = {
  id: 'redis-info',
  label: 'Redis INFO (redis-cli INFO stats, one capture or a dated series)',
  sniff: (head) => hasField(head, 'keyspace_hits') && hasField(head, 'keyspace_misses') && (hasField(head, 'expired_keys') || hasField(head, 'instantaneous_ops_per_sec')),
  nearMiss: (head) =>
    /^# (Server|Clients|Memory|Persistence|Replication|CPU|Keyspace)$/m.test(head) && /^[a-z_]+:\S/m.test(head)
      ? 'it has no Stats section (keyspace_hits, keyspace_misses): capture `redis-cli INFO stats` or plain `INFO`'
      : undefined,
  load: (source, ctx) => loadLines(source, ctx, new RedisInfoParser(source.name), 'reading Redis INFO'),
};
