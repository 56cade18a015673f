import { formatShare, plural } from '../../core/numberFormat';
import { formatNanos, timeWord } from '../viewText';
import type { RankedEntry } from '../summary';
import { callerPaths, hottestLock, lockFinding, lockName, sharePercent, type LockDiagnosis } from './contract';

const MIN_SHARE = 0.3;

/**
 * A global lock taken before per-object locks: the per-object locks are then useless (never
 * contended, because the global one already serializes everything). Seen directly when the
 * application exports its lock order (`acquiredWhileHolding`), or in a capture where the functions
 * that wait on the hot lock also wait on several other, per-object locks.
 */
export const globalBeforeObjectLocks: LockDiagnosis = {
  analysis: 'locks.global-before-object-locks',
  detect(summary, index) {
    const lock = hottestLock(summary);
    if (!lock || lock.share < MIN_SHARE) return undefined;
    const nested = lock.nestedLocks ?? [];
    const objectLocks = nested.length ? [] : otherLocksOfSameCallers(summary.locks, lock);
    if (nested.length === 0 && objectLocks.length < 2) return undefined;
    const inner = nested.length ? nested.join(', ') : plural(objectLocks.length, 'other lock');
    return lockFinding(summary, {
      id: `locks.global-before-object-locks.${index}`,
      analysis: this.analysis,
      share: lock.share,
      about: lock,
      title: `${lockName(lock)} is taken before per-object locks (${inner}) and serializes them`,
      detail:
        `${lock.callers.map((c) => `${c.label}()`).slice(0, 4).join(', ') || 'Its callers'} take ${lockName(lock)} and then ${inner}. ` +
        `The outer lock accounts for ${formatShare(lock.share)} of all ${timeWord(summary)} (${formatNanos(lock.totalNs)}); while it is held the per-object locks can never be contended, so they add cost without adding parallelism.`,
      evidence: [
        { label: `share of all ${timeWord(summary)}`, value: sharePercent(lock.share), unit: '%' },
        { label: 'locks taken while holding it', value: nested.length || objectLocks.length, unit: 'count' },
        { label: 'contended acquisitions of the outer lock', value: lock.contended, unit: 'count' },
      ],
      paths: callerPaths(lock),
      suggestedFix:
        'Drop the global lock from the per-object operations: look the objects up without it (the container is immutable after start-up, or guarded by a lock held only for the lookup), then lock only the objects involved. ' +
        'When an operation needs two objects, take their locks in one global order (by id or address, or with std::scoped_lock) so that two opposite transfers cannot deadlock.',
    });
  },
};

/**
 * Locks of the same kind (futex next to futex) that the hot lock's callers also wait on. Kernel
 * spinlocks met inside the futex syscall are how a wait happens, not a second application lock.
 */
function otherLocksOfSameCallers(locks: readonly RankedEntry[], hot: RankedEntry): RankedEntry[] {
  const callers = new Set(hot.callers.map((c) => c.label));
  return locks.filter((l) => l !== hot && l.lockType === hot.lockType && l.callers.some((c) => callers.has(c.label)));
}
