import type { FindingImpact } from '../../core/finding';
import { severityOf } from '../../core/severity';
import { formatDuration } from '../../core/durationFormat';
import { formatUtc } from '../../core/timeFormat';
import type { MetricSeries } from '../../core/timeSeries';
import { epochMillis, millis } from '../../core/units';
import { medianStepMs, runsWhere } from '../seriesMath';
import { isClientsWaiting, isDbConnectionsTotal, isDbLockWaiters, isDbMaxConnections, sameTarget } from '../seriesRoles';
import { groupDigits, plural } from '../../core/numberFormat';
import { seriesTitle, sourcesOf, type Detection, type RuleInput } from './rule';

export interface PoolExhaustionConfig {
  /** Samples in a row with clients waiting (or the server at its limit) before it counts: one is a blip. */
  minSamples: number;
  /** Share of max_connections at which Postgres is full. */
  fullFraction: number;
  /** Backends waiting on a heavyweight lock at once that make a pile-up. */
  lockWaiters: number;
}

export const DEFAULT_POOL_EXHAUSTION: PoolExhaustionConfig = { minSamples: 3, fullFraction: 0.95, lockWaiters: 3 };

const FIX =
  'Find why connections are held longer or asked for more often (a cache stampede sending every miss to the database, slow queries, transactions left open, lock waits) and fix that first; then size the pool from the database\'s capacity, not the clients\' count, and give clients a bounded wait (PgBouncer query_wait_timeout, the driver\'s pool timeout) so that they fail fast instead of piling up.';

const at = (s: MetricSeries, from: number, to: number) => ({ startMs: s.t[from], endMs: epochMillis(s.t[to] + medianStepMs(s.t)) });

function peak(s: MetricSeries, from: number, to: number): number {
  let i = from;
  for (let j = from; j <= to; j++) if (s.v[j] > s.v[i]) i = j;
  return i;
}

/** The value of `other` at the sample nearest `ms`, when `other` covers it. */
function valueAt(other: MetricSeries | undefined, ms: number): number | undefined {
  if (!other || other.t.length === 0) return undefined;
  let best = 0;
  for (let i = 1; i < other.t.length; i++) if (Math.abs(other.t[i] - ms) < Math.abs(other.t[best] - ms)) best = i;
  return Math.abs(other.t[best] - ms) <= 2 * medianStepMs(other.t) ? other.v[best] : undefined;
}

/**
 * Connection pool exhaustion: clients queued for a connection (PgBouncer `cl_waiting` above zero,
 * sample after sample), Postgres at its max_connections, or backends piling up on a heavyweight
 * lock. It says the database side was the bottleneck; what sent the load there is told by the
 * findings it joins in the report (a cache stampede, lock contention).
 */
export function detectPoolExhaustion(input: RuleInput, c: PoolExhaustionConfig = DEFAULT_POOL_EXHAUSTION): Detection[] {
  const out: Detection[] = [];
  const push = (d: Omit<Detection['finding'], 'id' | 'analysis' | 'category' | 'severity' | 'suggestedFix'>, label: string, seriesIds: string[]) =>
    out.push({
      label,
      seriesIds,
      finding: { ...d, id: `timeline.pool-exhaustion.${out.length}`, analysis: 'timeline.pool-exhaustion', category: 'pool-exhaustion', severity: severityOf(d.impact), suggestedFix: FIX },
    });

  for (const waiting of input.series.filter(isClientsWaiting)) {
    const run = runsWhere(waiting.v.length, (i) => waiting.v[i] > 0, 1).find((r) => r.to - r.from + 1 >= c.minSamples);
    if (!run) continue;
    const top = peak(waiting, run.from, run.to);
    const window = at(waiting, run.from, run.to);
    const find = (name: RegExp) => input.series.find((s) => name.test(s.name) && sameTarget(s, waiting));
    const serverActive = find(/sv_active|server_active/);
    const clientsActive = find(/cl_active|client_active/);
    const maxWait = find(/maxwait/);
    const inUse = valueAt(serverActive, waiting.t[top]);
    const served = valueAt(clientsActive, waiting.t[top]);
    const longestWaitMs = maxWait ? Math.max(...maxWait.v.filter((_, i) => maxWait.t[i] >= window.startMs && maxWait.t[i] <= window.endMs), 0) : undefined;
    const pool = [waiting.labels.database, waiting.labels.user].filter(Boolean).join('/');
    // Demand over what the pool serves: 40 clients for 8 server connections is 5.
    const demand = inUse ? (waiting.v[top] + (served ?? inUse)) / inUse : waiting.v[top];
    const impact: FindingImpact = { breach: { metric: 'latency', durationMs: millis(window.endMs - window.startMs), peakRatio: demand } };
    const about = [pool && `pool ${pool}`, inUse !== undefined && `all ${groupDigits(inUse)} server connections active`].filter(Boolean).join(', ');
    push(
      {
        impact,
        title: `Connection pool exhausted at ${formatUtc(waiting.t[run.from])}: up to ${groupDigits(waiting.v[top])} clients waiting for a server connection${about ? ` (${about})` : ''} for ${formatDuration(window.endMs - window.startMs)}`,
        detail:
          `${seriesTitle(waiting)} stayed above zero for ${plural(run.to - run.from + 1, 'sample')} in a row from ${formatUtc(waiting.t[run.from])}: clients queued for a server connection because every one the pool may open was busy` +
          `${inUse !== undefined ? ` (${groupDigits(inUse)} active, ${served === undefined ? '?' : groupDigits(served)} clients being served)` : ''}. ` +
          `${longestWaitMs ? `The longest wait PgBouncer reported was ${formatDuration(longestWaitMs)}. ` : ''}` +
          'Each waiting client adds its wait to its request, so latency rises with the queue even while the database itself is not failing.',
        evidence: [
          { label: 'clients waiting at peak', value: waiting.v[top], unit: 'count' },
          ...(inUse !== undefined ? [{ label: 'server connections active', value: inUse, unit: 'count' as const }] : []),
          ...(served !== undefined ? [{ label: 'clients being served', value: served, unit: 'count' as const }] : []),
          ...(longestWaitMs ? [{ label: 'longest wait', value: Math.round(longestWaitMs), unit: 'ms' as const }] : []),
          { label: 'duration', value: window.endMs - window.startMs, unit: 'ms' },
        ],
        paths: [
          {
            label: 'pool exhaustion',
            steps: [
              `${formatUtc(waiting.t[run.from])}: ${seriesTitle(waiting)} ${groupDigits(waiting.v[run.from])}`,
              `${formatUtc(waiting.t[top])}: ${groupDigits(waiting.v[top])} waiting${inUse !== undefined ? `, ${groupDigits(inUse)} server connections active` : ''}`,
              `${formatUtc(waiting.t[run.to])}: last sample with clients waiting`,
            ],
          },
        ],
        sources: sourcesOf([waiting, serverActive, maxWait]),
        window,
      },
      'Pool exhausted',
      [waiting, serverActive].filter((s): s is MetricSeries => !!s).map((s) => s.id),
    );
  }

  const total = input.series.find(isDbConnectionsTotal);
  const max = input.series.find(isDbMaxConnections);
  const limit = max?.v[max.v.length - 1];
  if (total && limit) {
    const run = runsWhere(total.v.length, (i) => total.v[i] >= c.fullFraction * limit, 1).find((r) => r.to - r.from + 1 >= c.minSamples);
    if (run) {
      const top = peak(total, run.from, run.to);
      const window = at(total, run.from, run.to);
      push(
        {
          title: `Postgres at its connection limit from ${formatUtc(total.t[run.from])}: ${groupDigits(total.v[top])} of max_connections ${groupDigits(limit)} for ${formatDuration(window.endMs - window.startMs)}`,
          detail: `${seriesTitle(total)} reached ${groupDigits(total.v[top])} of ${groupDigits(limit)} (max_connections): new connections are refused ("sorry, too many clients already") and clients that open one per request fail or retry.`,
          evidence: [
            { label: 'connections at peak', value: total.v[top], unit: 'count' },
            { label: 'max_connections', value: limit, unit: 'count' },
            { label: 'duration', value: window.endMs - window.startMs, unit: 'ms' },
          ],
          paths: [],
          sources: sourcesOf([total, max]),
          impact: { breach: { metric: 'latency', durationMs: millis(window.endMs - window.startMs), peakRatio: total.v[top] / limit } },
          window,
        },
        'Postgres full',
        [total.id],
      );
    }
  }

  const lockWaiters = input.series.find(isDbLockWaiters);
  if (lockWaiters) {
    const run = runsWhere(lockWaiters.v.length, (i) => lockWaiters.v[i] >= c.lockWaiters, 1).find((r) => r.to - r.from + 1 >= c.minSamples);
    if (run) {
      const top = peak(lockWaiters, run.from, run.to);
      const window = at(lockWaiters, run.from, run.to);
      const active = input.series.find((s) => s.name === 'pg_connections_active');
      const idleInTx = input.series.find((s) => s.name === 'pg_connections_idle_in_transaction');
      const holders = valueAt(idleInTx, lockWaiters.t[top]);
      push(
        {
          title: `Postgres connections piled up on a lock from ${formatUtc(lockWaiters.t[run.from])}: up to ${groupDigits(lockWaiters.v[top])} backends waiting on a Lock for ${formatDuration(window.endMs - window.startMs)}`,
          detail:
            `${groupDigits(lockWaiters.v[top])} connections waited on a heavyweight lock (wait_event_type Lock) at once; each holds its pool slot while it waits, so the pool drains without the database doing work.` +
            (holders ? ` ${plural(holders, 'connection')} sat idle in a transaction at the same time: an open transaction keeps its locks until it commits.` : ''),
          evidence: [
            { label: 'waiting on a Lock at peak', value: lockWaiters.v[top], unit: 'count' },
            ...(valueAt(active, lockWaiters.t[top]) !== undefined ? [{ label: 'active connections', value: valueAt(active, lockWaiters.t[top])!, unit: 'count' as const }] : []),
            ...(holders !== undefined ? [{ label: 'idle in transaction', value: holders, unit: 'count' as const }] : []),
            { label: 'duration', value: window.endMs - window.startMs, unit: 'ms' },
          ],
          paths: [],
          sources: sourcesOf([lockWaiters, idleInTx]),
          impact: { breach: { metric: 'latency', durationMs: millis(window.endMs - window.startMs), peakRatio: lockWaiters.v[top] } },
          window,
        },
        'Lock pile-up',
        [lockWaiters.id],
      );
    }
  }
  return out;
}
