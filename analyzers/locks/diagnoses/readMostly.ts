import { formatShare, groupDigits, plural } from '../../core/numberFormat';
import { timeWord } from '../viewText';
import type { RankedEntry } from '../summary';
import { callerPaths, lockFinding, lockName, sharePercent, type LockDiagnosis } from './contract';

const MIN_READ_SHARE = 0.8;
const MIN_LOCK_SHARE = 0.1;

/** lock_stat prints the read and write sides of one class as `name-R` and `name-W`. */
function baseName(label: string): string {
  return label.replace(/-[RW]$/, '');
}

/**
 * A contended lock that is mostly acquired to read: readers exclude each other for nothing.
 * Needs read/write counts (application JSON, lock_stat -R/-W), which perf and mutrace lack.
 */
export const readMostly: LockDiagnosis = {
  analysis: 'locks.read-mostly',
  detect(summary, index) {
    const groups = new Map<string, { entries: RankedEntry[]; reads: number; writes: number; share: number }>();
    for (const l of summary.locks) {
      if (l.reads === undefined && l.writes === undefined) continue;
      const key = baseName(l.label);
      const g = groups.get(key) ?? { entries: [], reads: 0, writes: 0, share: 0 };
      g.entries.push(l);
      g.reads += l.reads ?? 0;
      g.writes += l.writes ?? 0;
      g.share += l.share;
      groups.set(key, g);
    }
    const best = [...groups].filter(([, g]) => g.reads + g.writes > 0 && g.reads / (g.reads + g.writes) >= MIN_READ_SHARE && g.share >= MIN_LOCK_SHARE).sort((a, b) => b[1].share - a[1].share)[0];
    if (!best) return undefined;
    const [name, g] = best;
    const readShare = g.reads / (g.reads + g.writes);
    const lock = g.entries[0];
    const alreadyShared = (lock.lockType ?? '').toLowerCase().includes('rw') || g.entries.length > 1;
    return lockFinding(summary, {
      id: `locks.read-mostly.${index}`,
      analysis: this.analysis,
      share: g.share,
      ...(g.entries.length === 1 ? { about: lock } : {}),
      title: `${g.entries.length > 1 ? name : lockName(lock)} is read-mostly (${formatShare(readShare)} reads) and takes ${formatShare(g.share)} of all ${timeWord(summary)}`,
      detail: `${groupDigits(g.reads)} of ${plural(g.reads + g.writes, 'acquisition')} only read the protected data, yet ${alreadyShared ? 'the writers still stall every reader' : 'readers exclude each other as if they wrote'}.`,
      evidence: [
        { label: 'read acquisitions', value: g.reads, unit: 'count' },
        { label: 'write acquisitions', value: g.writes, unit: 'count' },
        { label: 'read share', value: sharePercent(readShare), unit: '%' },
        { label: `share of all ${timeWord(summary)}`, value: sharePercent(g.share), unit: '%' },
      ],
      paths: callerPaths(lock),
      suggestedFix: alreadyShared
        ? 'Readers already share the lock; make writes cheaper (prepare outside, swap under the lock) or publish immutable snapshots (copy-on-write, RCU-style) so readers never wait for writers.'
        : 'Use a reader/writer lock (std::shared_mutex with shared_lock for readers), or publish immutable snapshots that readers load without locking.',
    });
  },
};
