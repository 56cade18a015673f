import type { EvidenceItem } from '../../core/finding';
import { formatNanos, concurrentWaiters } from '../viewText';
import { callerPaths, hottestLock, lockFinding, lockName, type LockDiagnosis } from './contract';

const MIN_WAIT_TO_HOLD = 10;
const MAX_SHORT_HOLD_NS = 100_000;
const MIN_QUEUE = 4;

/**
 * Tiny critical sections with huge waits: the lock is not held long, there are simply too many
 * threads queuing for it. Seen from hold times (lock_stat, klockstat, JSON) or, in a perf script
 * capture without hold times, from how many threads wait on it at once.
 */
export const tooManyThreads: LockDiagnosis = {
  analysis: 'locks.too-many-threads',
  detect(summary, index) {
    const lock = hottestLock(summary);
    if (!lock || summary.timeMeaning !== 'wait' || lock.avgNs === undefined) return undefined;
    const hold = lock.holdAvgNs;
    const queue = concurrentWaiters(summary, lock.totalNs);
    const byHold = hold !== undefined && hold > 0 && hold <= MAX_SHORT_HOLD_NS && lock.avgNs >= MIN_WAIT_TO_HOLD * hold;
    const byQueue = hold === undefined && queue !== undefined && queue >= MIN_QUEUE;
    if (!byHold && !byQueue) return undefined;
    const threads = summary.futex.find((f) => f.address === lock.address)?.waitingThreads ?? summary.threads.filter((t) => t.totalNs > 0).length;
    const evidence: EvidenceItem[] = [
      { label: 'average wait per contended acquisition', value: lock.avgNs, unit: 'ns' },
      { label: 'threads that waited', value: threads, unit: 'count' },
    ];
    if (hold !== undefined) evidence.push({ label: 'average hold time', value: hold, unit: 'ns' }, { label: 'wait / hold', value: Math.round(lock.avgNs / hold), unit: 'ratio' });
    if (queue !== undefined) evidence.push({ label: 'threads waiting at any moment (average)', value: Math.round(queue * 10) / 10, unit: 'count' });
    return lockFinding(summary, {
      id: `locks.too-many-threads.${index}`,
      analysis: this.analysis,
      share: lock.share,
      about: lock,
      title: byHold
        ? `${lockName(lock)} is held ${formatNanos(hold ?? 0)} on average but waited for ${formatNanos(lock.avgNs)}: too many threads for one lock`
        : `On average ${queue?.toFixed(1)} threads are queued on ${lockName(lock)}: too many threads for one lock`,
      detail:
        'The critical section itself is short; the wait comes from the queue of threads in front of it. Adding threads only lengthens the queue and adds futex wake-ups and context switches.',
      evidence,
      paths: callerPaths(lock),
      suggestedFix:
        'Use fewer threads than cores for work that funnels through this lock, batch updates so each acquisition does more (apply N queued changes at once), or hand updates to one owner thread through a queue instead of locking from every worker.',
    });
  },
};
