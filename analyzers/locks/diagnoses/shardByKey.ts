import { formatShare, plural } from '../../core/numberFormat';
import { formatNanos, timeWord, concurrentWaiters } from '../viewText';
import { callerPaths, hottestLock, isNamed, lockFinding, lockName, sharePercent, type LockDiagnosis } from './contract';

const MIN_SHARE = 0.5;
const MIN_CALLERS = 2;

/**
 * One lock takes most of the wait and is entered from several independent operations: it guards
 * many objects that do not need each other (the inventory map's global mutex in front of every
 * player's inventory). Sharding by key lets unrelated operations run in parallel.
 */
export const shardByKey: LockDiagnosis = {
  analysis: 'locks.shard-by-key',
  detect(summary, index) {
    const lock = hottestLock(summary);
    // A lock class that already stands for many instances (one mutex per object) is sharded.
    if (!lock || lock.share < MIN_SHARE || lock.callers.length < MIN_CALLERS || (lock.instances ?? 1) > 1) return undefined;
    const futex = summary.futex.find((f) => f.address === lock.address);
    const queue = concurrentWaiters(summary, lock.totalNs);
    const ops = lock.callers.slice(0, 4).map((c) => `${c.label}()`).join(', ');
    const evidence = [
      { label: `share of all ${timeWord(summary)}`, value: sharePercent(lock.share), unit: '%' as const },
      { label: `total ${timeWord(summary)} on this lock`, value: lock.totalNs, unit: 'ns' as const },
      { label: 'contended acquisitions', value: lock.contended, unit: 'count' as const },
      { label: 'distinct calling functions', value: lock.callers.length, unit: 'count' as const },
      ...lock.callers.slice(0, 4).map((c) => ({ label: `${c.label}() share of this lock's wait`, value: sharePercent(c.share), unit: '%' as const })),
    ];
    if (futex) evidence.push({ label: 'threads that waited on it', value: futex.waitingThreads, unit: 'count' as const });
    if (queue !== undefined) evidence.push({ label: 'threads waiting on it at any moment (average)', value: Math.round(queue * 10) / 10, unit: 'count' as const });
    return lockFinding(summary, {
      id: `locks.shard-by-key.${index}`,
      analysis: this.analysis,
      share: lock.share,
      about: lock,
      title: `One lock serializes ${plural(lock.callers.length, 'independent operation')}: ${lockName(lock)} takes ${formatShare(lock.share)} of all ${timeWord(summary)}`,
      detail:
        `${ops} all wait on the same lock${isNamed(lock) ? `, ${lockName(lock)}` : lock.address ? ` at ${lock.address}` : ''}: ${formatNanos(lock.totalNs)} of ${timeWord(summary)}${lock.contended ? ` over ${plural(lock.contended, 'contended acquisition')}` : ''}` +
        `${queue !== undefined ? `, on average ${queue.toFixed(1)} threads queued on it at any moment` : ''}. ` +
        'Operations on different objects (different players, different keys) do not need to exclude each other, yet this lock makes them run one at a time.',
      evidence,
      paths: callerPaths(lock),
      suggestedFix:
        'Shard the lock by key: give each object (or each of N buckets chosen by hashing the key) its own mutex, so operations on unrelated objects proceed in parallel. ' +
        'If the lock protects a container whose membership rarely changes, take it only for the lookup (or make it a reader/writer lock) and do the per-object work under the per-object lock.',
    });
  },
};
