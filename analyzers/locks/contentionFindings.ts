import type { Finding } from '../core/finding';
import { lockFinding, lockSubject, sharePercent } from './diagnoses/contract';
import { formatShare, groupDigits, plural } from '../core/numberFormat';
import { formatNanos, timeWord, concurrentWaiters } from './viewText';
import type { LockSummary } from './summary';
import type { ThreadImbalance } from './threadImbalance';
import type { WakeupStorm } from './wakeupStorms';

const MIN_REPORTED_NS = 1e6;
/** A lock with this share of all the wait is the capture's story: its hot paths are that lock's. */
const DOMINANT_LOCK_SHARE = 0.8;
const KERNEL_ONLY_TOOLS: ReadonlySet<string> = new Set(['perf-lock-report', 'perf-lock-contention']);

/**
 * The headline of a lock input: who waits, ranked by total time — "transferItem() — 45 % of lock
 * wait, addItem() — 31 %" — with the call chains as paths.
 */
export function hotPathFinding(summary: LockSummary, index: number): Finding | undefined {
  // Tables without call sites (perf lock report, -t) rank their locks or threads instead.
  const [entries, kind] = summary.callers.length ? [summary.callers, 'caller'] : summary.locks.length ? [summary.locks, 'lock'] : [summary.threads, 'thread'];
  const callers = entries.filter((c) => c.totalNs > 0);
  if (callers.length === 0 || summary.totalNs < MIN_REPORTED_NS) return undefined;
  const name = (label: string) => (kind === 'caller' ? `${label}()` : label);
  const queue = concurrentWaiters(summary, summary.totalNs);
  const word = timeWord(summary);
  // The title names the callers that matter; a 0.0 % tail is evidence, not headline.
  const headline = callers.slice(0, 4).filter((c, i) => i === 0 || c.share >= 0.005);
  const ranking = headline.map((c) => `${name(c.label)} — ${formatShare(c.share)}`).join(', ');
  const evidence: Finding['evidence'] = [
    { label: `total ${word}`, value: summary.totalNs, unit: 'ns' },
    { label: 'contended acquisitions', value: summary.totalContended, unit: 'count' },
  ];
  if (summary.spanNs) evidence.push({ label: 'capture length', value: summary.spanNs, unit: 'ns' });
  if (queue !== undefined) evidence.push({ label: 'threads waiting at any moment (average)', value: Math.round(queue * 10) / 10, unit: 'count' });
  for (const c of callers.slice(0, 5)) evidence.push({ label: `${name(c.label)} share of ${word}`, value: sharePercent(c.share), unit: '%' });
  const paths = summary.paths.filter((p) => p.totalNs > 0).slice(0, 5).map((p) => ({ label: `${formatNanos(p.totalNs)} of ${word} (${formatShare(summary.totalNs ? p.totalNs / summary.totalNs : 0)})`, steps: p.path }));
  const dominant = summary.locks[0] && summary.locks[0].share >= DOMINANT_LOCK_SHARE ? summary.locks[0] : undefined;
  const finding = lockFinding(summary, {
    id: `locks.hot-paths.${index}`,
    analysis: 'locks.hot-paths',
    share: 1,
    title: `${kind === 'caller' ? 'Lock contention hot paths' : kind === 'lock' ? 'Most contended locks' : 'Threads waiting longest for locks'}: ${ranking}`,
    detail:
      `${formatNanos(summary.totalNs)} of ${word}${summary.totalContended ? ` over ${plural(summary.totalContended, 'contended acquisition')}` : ''}${summary.spanNs ? ` in a ${formatNanos(summary.spanNs)} capture` : ''}` +
      `${queue !== undefined ? ` — on average ${queue.toFixed(1)} threads were waiting at any moment` : ''}. ` +
      (summary.timeMeaning === 'hold' ? 'These are hold times (mutrace measures how long locks were held, not how long threads waited).' : 'Ranked by total wait, the way perf ranks it; the paths start at the first application frame.') +
      (KERNEL_ONLY_TOOLS.has(summary.tool)
        ? ' perf lock sees kernel locks only: waits on user-space mutexes show up as the futex and scheduler spinlocks they go through. A perf script capture of futex events attributes them to application functions.'
        : ''),
    evidence,
    paths,
    suggestedFix: `Start with ${name(callers[0].label)}: it accounts for ${formatShare(callers[0].share)} of all ${word}. See the diagnoses for which lock and what to change.`,
  });
  // The capture's hot paths are the paths into its dominant lock: part of that lock's finding.
  if (dominant) finding.subject = { key: `lock hot paths ${summary.file}`, partOf: [lockSubject(dominant).key] };
  return finding;
}

const MIN_IMBALANCE = 3;

export function imbalanceFinding(summary: LockSummary, imbalance: ThreadImbalance | undefined, index: number): Finding | undefined {
  if (!imbalance || imbalance.threads < 3 || imbalance.maxToMedian < MIN_IMBALANCE) return undefined;
  return lockFinding(summary, {
    id: `locks.thread-imbalance.${index}`,
    analysis: 'locks.thread-imbalance',
    // The harm is the wait beyond what the median thread waited.
    share: summary.totalNs > 0 ? (imbalance.maxNs - imbalance.medianNs) / summary.totalNs : 0,
    title: `Thread ${imbalance.maxLabel} waits ${imbalance.maxToMedian.toFixed(1)}× the median thread for locks`,
    detail: `${plural(imbalance.threads, 'thread')} waited; ${imbalance.maxLabel} waited ${formatNanos(imbalance.maxNs)} against a median of ${formatNanos(imbalance.medianNs)}. Uneven waits point to starvation (an unfair lock handing itself back to the releasing thread) or to one thread doing a different, lock-heavy job.`,
    evidence: [
      { label: 'threads that waited', value: imbalance.threads, unit: 'count' },
      { label: `${imbalance.maxLabel} ${timeWord(summary)}`, value: imbalance.maxNs, unit: 'ns' },
      { label: `median ${timeWord(summary)} per thread`, value: imbalance.medianNs, unit: 'ns' },
      { label: 'coefficient of variation', value: Math.round(imbalance.variation * 100) / 100, unit: 'ratio' },
    ],
    paths: [],
    suggestedFix: 'Check what the top thread does differently; if all threads run the same loop, the lock is unfair under load — shorten the critical section or reduce the number of threads contending for it.',
  });
}

export function stormFinding(summary: LockSummary, storms: readonly WakeupStorm[], index: number): Finding | undefined {
  const s = storms[0];
  if (!s) return undefined;
  return lockFinding(summary, {
    id: `locks.wakeup-storm.${index}`,
    analysis: 'locks.wakeup-storm',
    share: summary.locks.find((l) => l.address === s.address)?.share ?? 0,
    about: summary.locks.find((l) => l.address === s.address) ?? { address: s.address, label: s.address },
    title: `Wake-up storm on futex ${s.address}: ${groupDigits(s.syscallsPerSecond)} wait/wake syscalls per second from ${plural(s.waitingThreads, 'thread')}`,
    detail:
      `${groupDigits(s.waits)} FUTEX_WAIT and ${groupDigits(s.wakeCalls)} FUTEX_WAKE calls on one address; ${formatShare(s.futileWakeShare)} of the wake calls woke no thread that got to run. ` +
      'Each handoff costs two syscalls and a context switch, so the lock spends more time being passed around than protecting work.',
    evidence: [
      { label: 'wait/wake syscalls per second', value: Math.round(s.syscallsPerSecond), unit: 'count' },
      { label: 'FUTEX_WAIT calls', value: s.waits, unit: 'count' },
      { label: 'FUTEX_WAKE calls', value: s.wakeCalls, unit: 'count' },
      { label: 'threads woken', value: s.woken, unit: 'count' },
      { label: 'waiting threads', value: s.waitingThreads, unit: 'count' },
    ],
    paths: [],
    suggestedFix: 'Reduce the number of threads handing this lock back and forth (fewer workers, batching, or a queue to one owner thread); for condition variables, notify_one instead of notify_all when one waiter can proceed.',
  });
}
