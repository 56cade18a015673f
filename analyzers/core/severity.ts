import { SEVERITIES, type Breach, type FindingImpact, type LockWait, type MemoryGrowth, type RetainedMemory, type Severity } from './finding';

const MiB = 2 ** 20;

/**
 * One scale for every capability, so the ranking compares like with like:
 * - critical: the service died or will within a day — OOM kills, memory at or within 24 h of its
 *   limit, throughput or latency collapsed (10× past the limit), eight or more threads queued on locks;
 * - high: sustained harm users feel or a mechanism big enough to cause it — a user-facing breach of
 *   a minute or more, growth of 100 MiB/h or reaching the limit within a week, a leak trend that is a
 *   tenth of the heap or a quarter of its growth, memory near its limit, one thread always waiting;
 * - medium: measurable but contained — growth of 10 MiB/h, a two-point growth or a smaller trend,
 *   CPU saturation, a fifth of a heap in one retainer (Eclipse MAT's suspect threshold), 1 MiB lost at exit;
 * - low: real but small; info: not a problem (an improvement, memory still reachable at exit, nothing
 *   measured — an input-quality note).
 * The worst dimension decides.
 */
export function severityOf(impact: FindingImpact): Severity {
  if (impact.improvement) return 'info';
  const levels: Severity[] = [];
  if (impact.oomKills) levels.push('critical');
  if (impact.growth) levels.push(growthSeverity(impact.growth, impact.retained));
  if (impact.retained) levels.push(retainedSeverity(impact.retained));
  if (impact.lockWait) levels.push(lockSeverity(impact.lockWait));
  if (impact.breach) levels.push(breachSeverity(impact.breach));
  return levels.reduce<Severity>((a, b) => (SEVERITIES.indexOf(b) > SEVERITIES.indexOf(a) ? b : a), 'info');
}

/**
 * What grew, as a share of the capture: a class of 79 MiB that gained 1.9 MiB (TypeScript's AST
 * nodes as ESLint type-checks more files) is not a tenth of the heap leaking, although it is a tenth
 * of the heap. A leak cluster's growth is all it retains.
 */
function grownShare(g: MemoryGrowth, retained: RetainedMemory | undefined): number | undefined {
  if (retained?.share === undefined) return undefined;
  if (g.grownBytes === undefined || retained.bytes <= 0) return retained.share;
  return retained.share * Math.min(1, g.grownBytes / retained.bytes);
}

function growthSeverity(g: MemoryGrowth, retained: RetainedMemory | undefined): Severity {
  if (g.limitReached || (g.hoursToLimit !== undefined && g.hoursToLimit < 24)) return 'critical';
  if (g.hoursToLimit !== undefined && g.hoursToLimit < 24 * 7) return 'high';
  if (g.bytesPerHour !== undefined) return g.bytesPerHour >= 100 * MiB ? 'high' : g.bytesPerHour >= 10 * MiB ? 'medium' : 'low';
  const grown = grownShare(g, retained);
  const big = (grown ?? 0) >= 0.1 || (g.shareOfGrowth ?? 0) >= 0.25;
  // A few KiB of a trend in a heap of megabytes (a browser's bounded performance-entry buffer across
  // three snapshots of a healthy React app) is below what any leak-suspect rule would report.
  const negligible = (grown ?? 1) < 0.01 && (g.shareOfGrowth ?? 1) < 0.05;
  if (g.observations >= 3) return big ? 'high' : negligible ? 'low' : 'medium';
  return big ? 'medium' : 'low';
}

function retainedSeverity(r: RetainedMemory): Severity {
  const share = r.share ?? 0;
  switch (r.state) {
    case 'reachable-at-exit':
      return 'info';
    case 'leaked-at-exit':
      return r.bytes >= 64 * MiB ? 'high' : r.bytes >= MiB ? 'medium' : 'low';
    case 'unfreed-at-exit':
      // Lost or still held, one run cannot say (a CLI that exits without freeing its caches is
      // healthy): like one capture, it proves size, not a leak.
      return r.bytes >= 64 * MiB ? 'medium' : 'low';
    case 'detached':
      return share >= 0.1 ? 'high' : share >= 0.01 ? 'medium' : 'low';
    case 'live':
      // One capture proves size, never a leak: at most a suspect worth a look.
      return share >= 0.2 ? 'medium' : 'low';
  }
}

function lockSeverity(w: LockWait): Severity {
  if (w.meanWaiters === undefined) {
    const ns = (w.totalWaitNs ?? 0) * w.share;
    return ns >= 1e9 ? 'high' : ns >= 1e8 ? 'medium' : 'low';
  }
  const waiters = w.meanWaiters * w.share;
  return waiters >= 8 ? 'critical' : waiters >= 1 ? 'high' : waiters >= 0.1 ? 'medium' : 'low';
}

function breachSeverity(b: Breach): Severity {
  const userFacing = b.metric === 'latency' || b.metric === 'errors' || b.metric === 'throughput';
  if (userFacing && b.peakRatio >= 10) return 'critical';
  if (b.metric === 'memory') return 'high';
  if (userFacing) return b.durationMs >= 60_000 || (b.services ?? 0) >= 2 ? 'high' : 'medium';
  return 'medium';
}
