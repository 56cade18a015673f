import { formatBytes } from '../../core/byteFormat';
import type { FindingOf } from '../../core/analysisContract';
import { HELD_BY_CACHE, type Finding, type FindingImpact, type FindingSubject, type MemoryGrowth } from '../../core/finding';
import { formatDuration } from '../../core/durationFormat';
import { millis, type EpochMillis, type Millis } from '../../core/units';
import type { SnapshotTime } from '../snapshotTime';
import { severityOf } from '../../core/severity';
import type { HeapAnalysisId } from '../analysisIds';
import { slotPattern, type LeakCluster, type LeakReport } from '../leakDetection';
import { groupDigits, plural } from '../../core/numberFormat';
import { codeEvidence } from './codeEvidence';

/** Clusters too small to matter are kept in the report but not raised as findings. */
const MIN_COUNT = 10;
const MIN_BYTES = 64 * 1024;

/** Snapshots closer than this give no rate: their names tell whole seconds. */
const MIN_RATE_SPAN_MS = 10_000;
const MS_PER_HOUR = 3_600_000;

/** When the leaked objects were allocated, on the snapshots' own clock. */
export interface LeakClock {
  /** Baseline to target (three snapshots: what leaks was allocated then) or to the second snapshot. */
  overMs: Millis;
  window: { startMs: EpochMillis; endMs: EpochMillis };
}

/** The clock of the leak's growth, when every snapshot's name carries its time and they are far enough apart. */
export function leakClock(times: readonly (SnapshotTime | undefined)[], threeSnapshot: boolean): LeakClock | undefined {
  const known = times.filter((t): t is SnapshotTime => t !== undefined);
  if (known.length !== times.length || known.length < 2) return undefined;
  const end = threeSnapshot ? known[known.length - 2] : known[known.length - 1];
  const overMs = end.atMs - known[0].atMs;
  if (overMs < MIN_RATE_SPAN_MS) return undefined;
  return { overMs: millis(overMs), window: { startMs: known[0].atMs, endMs: known[known.length - 1].atMs } };
}

/** `totalBytesFinal`: the last snapshot's heap; `heapGrowthBytes`: how much it grew since the first. */
export function leakFindings(report: LeakReport, totalBytesFinal: number, heapGrowthBytes: number, clock?: LeakClock): FindingOf<HeapAnalysisId>[] {
  const strong = report.method === 'three-snapshot';
  return report.clusters
    .filter((c) => c.count >= MIN_COUNT || c.retainedBytes >= MIN_BYTES)
    .map((c, i) => {
      const growth: MemoryGrowth = {
        grownBytes: c.retainedBytes,
        observations: report.snapshots.length,
        timeBase: clock ? 'snapshot-times' : 'none',
        ...(heapGrowthBytes > 0 ? { shareOfGrowth: Math.min(1, c.retainedBytes / heapGrowthBytes) } : {}),
        ...(clock ? { overMs: clock.overMs, bytesPerHour: (c.retainedBytes / clock.overMs) * MS_PER_HOUR } : {}),
      };
      const impact: FindingImpact = { retained: { bytes: c.retainedBytes, share: totalBytesFinal > 0 ? c.retainedBytes / totalBytesFinal : 0, state: 'live' }, growth };
      const timed: Pick<Finding, 'window'> = clock ? { window: clock.window } : {};
      const window = strong ? `allocated between ${report.snapshots[0]} and ${report.snapshots[1]} and still alive in ${report.snapshots[2]}` : `new in ${report.snapshots[1]} since ${report.snapshots[0]}`;
      const cache = cacheOf(c);
      const verb = cache ? `${c.count === 1 ? 'stays' : 'stay'} in a cache` : strong ? (c.count === 1 ? 'leaks' : 'leak') : c.count === 1 ? 'accumulates' : 'accumulate';
      return {
        id: `heap.leak-cluster.${i}`,
        analysis: 'heap.leaks',
        category: 'memory-leak' as const,
        severity: severityOf(impact),
        impact,
        subject: clusterSubject(c),
        title: `${plural(c.count, `${c.className} object`)} ${verb} (${formatBytes(c.retainedBytes)} retained), held by ${cache ?? namedHolder(c)}`,
        detail: `${plural(c.count, `${c.className} object`)} ${window}, all retained through the same path; with what they hold that is ${plural(c.objectCount, 'object')} and ${formatBytes(c.retainedBytes)}. ${c.className} instances per snapshot: ${c.countPerSnapshot.map(groupDigits).join(' → ')}. Method: ${report.method}${strong ? '' : ' (only two snapshots: growth, not proof of a leak)'}.${clock && growth.bytesPerHour !== undefined ? ` Allocated over ${formatDuration(clock.overMs)} by the snapshots' file names: ${formatBytes(growth.bytesPerHour)}/h.` : ''}${cache ? ` Their holder, ${cache}, is named as a cache: a cache keeps what it holds on purpose, so the snapshots show what it let grow, not objects proven to be garbage; it leaks if nothing bounds or clears it.` : ''}`,
        evidence: [
          { label: `${c.className} leaked`, value: c.count, unit: 'count' as const },
          { label: 'retained by the cluster', value: c.retainedBytes, unit: 'bytes' as const },
          { label: 'objects in the cluster', value: c.objectCount, unit: 'count' as const },
          { label: `${c.className} per snapshot`, value: c.countPerSnapshot.map(groupDigits).join(' → ') },
          { label: 'example object ids', value: c.exampleIds.map((id) => `@${id}`).join(', ') },
          { label: 'classes involved', value: c.constructors.map((k) => `${k.name} ×${groupDigits(k.count)}`).join(', ') },
          { label: 'method', value: report.method },
          ...(cache ? [{ label: HELD_BY_CACHE, value: cache }] : []),
          ...codeEvidence(c.location),
        ],
        paths: [{ label: `retainer path of ${c.className} @${c.exampleIds[0]}`, steps: c.retainerPath }],
        suggestedFix: suggestFix(c),
        sources: report.snapshots,
        ...timed,
      };
    });
}

/**
 * One leak whatever slot of a container holds it: `Object.levelup:3` and `Object.levelup:12` give the
 * key `Object.levelup:*` and the slots `levelup:3`, `levelup:12`. A closure cluster is part of the
 * leak of the objects it captures.
 */
function clusterSubject(c: LeakCluster): FindingSubject {
  const { pattern, slots } = slotPattern(c.signature);
  const steps = pattern.split(' ← ');
  const subject: FindingSubject = { key: `heap.retained:${pattern}`, objects: c.className };
  if (slots.length) subject.slot = slots.join(', ');
  // Part of the leak of what the closure captures, or of the leaked objects that hold it (a friends array of a Player).
  const holders = steps.slice(1).map((s) => s.slice(0, s.lastIndexOf('.'))).filter((k) => !/^(Array|Object|Map|Set|\(.*\)|system \/ .*)$/.test(k));
  const related = [...(c.captures ?? []), ...holders].filter((k) => k !== c.className);
  if (related.length) subject.partOf = [...new Set(related)];
  if (c.holdsGrowthOf) subject.holdsGrowthOf = c.holdsGrowthOf;
  return subject;
}

/** What names the holder of objects: their signature and one's readable retainer path (a leak cluster's, a suspect's). */
type HeldPath = Pick<LeakCluster, 'signature' | 'retainerPath'>;

/**
 * The holders a signature names, without V8's synthetic roots (`(synthetic).[]`: GC roots, stack
 * roots), which name no code; when the path comes from the stack, the holder is a running function's
 * local variable, and that is said instead.
 */
function holders(c: HeldPath): { steps: string[]; fromStack: boolean } {
  const steps = c.signature.split(' ← ').slice(1).filter((s) => !s.startsWith('(synthetic)'));
  return { steps, fromStack: c.retainerPath.some((s) => s.startsWith('(Stack roots)')) };
}

const ON_STACK = 'a local variable of a function still running (stack roots)';

/** A collection's own backing store (`Map.table`): every keyed collection has one, so it names nothing. */
const COLLECTION_INTERNAL = /^(Map|Set|WeakMap|WeakSet)\.table$/;

/**
 * The first named step of a signature (`Guild.members`), skipping anonymous element steps and, when
 * the program's own holder follows, a collection's backing store (`Map.table ← Context.unionTypes`
 * is held by `Context.unionTypes`: five clusters of one heap all read "held by Map.table" before).
 */
export function namedHolder(c: HeldPath): string {
  const { steps, fromStack } = holders(c);
  const named = steps.find((s) => !s.endsWith('.[]') && !COLLECTION_INTERNAL.test(s)) ?? steps.find((s) => !s.endsWith('.[]'));
  if (named) return named;
  const container = steps[0]?.slice(0, steps[0].lastIndexOf('.'));
  if (fromStack) return container ? `${/^[AEIOU]/.test(container) ? 'an' : 'a'} ${container} in ${ON_STACK}` : ON_STACK;
  return 'an unnamed collection';
}

/**
 * The holder on the retainer path that names itself a cache (`Context.flowTypeCache`,
 * `MatchCache.entries`, `Resolver.memo`), nearest first. Only a name is evidence of intent: a map
 * used as a cache but not named one reads as any collection.
 */
export function cacheOf(c: HeldPath): string | undefined {
  return holders(c).steps.find((step) => /cache|memo/i.test(step));
}

/** A fix phrased from what the retainer path shows (a cache, a listener list, a collection, a closure). */
function suggestFix(c: LeakCluster): string {
  const path = c.retainerPath.join(' ');
  const { steps, fromStack } = holders(c);
  const holder = [...steps, ...(fromStack ? [ON_STACK] : [])].join(' ← ');
  const cache = cacheOf(c);
  if (cache) {
    return `${c.className} objects stay in the cache ${cache} (${holder}): if it is meant to hold them only while its owner works, clear it when that work ends, or bound it (size or age, LRU); if it is meant to hold them for the process's life, this growth is its size, and the question is whether that fits the memory the process has.`;
  }
  if (/_events|listener/i.test(path)) {
    return `An event listener that closes over each ${c.className} is never removed: call emitter.off()/removeListener() with the same function when the ${c.className} is released (e.g. in the remove/dispose path).`;
  }
  if (/\.(members|list|items|cache|entries|queue)\b/i.test(path) || /table|\[\]/.test(holder)) {
    return `${c.className} objects stay in a collection after they are released (${holder}): remove them from it in the code path that releases them, or bound it (LRU, WeakRef/WeakMap if the entry must not keep them alive).`;
  }
  return `Break the reference shown by the retainer path (${holder}) when a ${c.className} is released.`;
}
