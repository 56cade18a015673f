import type { Finding, FindingImpact } from '../core/finding';
import { formatBytes } from '../core/byteFormat';
import { formatDuration } from '../core/durationFormat';
import { plural } from '../core/numberFormat';
import { severityOf } from '../core/severity';
import { bytes, millis } from '../core/units';
import type { HeapView } from '../heap/view';
import type { ProcessMemoryCapture } from '../timeline/processMemory';
import type { TimelineView } from '../timeline/view';

const MiB = 2 ** 20;
/** Below this much growth of private memory across the captures, a capture is healthy and says nothing. */
const MIN_GROWTH = 8 * MiB;
/** V8 lists each ArrayBuffer's backing store (Buffer, typed arrays) as this native node. */
const BACKING_STORE = 'system / JSArrayBufferData';

/** The last heap snapshot split into V8's own objects and the ArrayBuffer backing stores it lists. */
function heapParts(heap: HeapView | undefined): { file: string; jsBytes: number; backingBytes: number } | undefined {
  const last = heap?.snapshots[heap.snapshots.length - 1];
  if (!last) return undefined;
  const backingBytes = last.constructors.filter((c) => c.name === BACKING_STORE).reduce((s, c) => s + c.shallowBytes, 0);
  return { file: last.file, jsBytes: last.totalBytes - backingBytes, backingBytes };
}

const JS_RUNTIME = /^(node|nodejs|electron|chrome|chromium|deno|bun|MainThread)$/i;
const isCgroup = (c: ProcessMemoryCapture) => c.kind === 'cgroup-v1' || c.kind === 'cgroup-v2';

/**
 * Where the RSS went: a process's (or a cgroup's) private anonymous memory that grew across its
 * /proc or memory.stat captures, split with the heap snapshot of the case when there is one into
 * V8's own objects, ArrayBuffer backing stores (Buffers) and the rest (native malloc, addons, the
 * runtime), so that a leak outside the JS heap is told apart from one inside. Joins the timeline's
 * captures with the heap's view, so it lives above both; the pipeline runs it after every capability.
 */
export function rssBreakdownFindings(views: { heap?: HeapView; timeline?: TimelineView }): Finding[] {
  const out: Finding[] = [];
  const heap = heapParts(views.heap);
  for (const c of views.timeline?.processMemory ?? []) {
    const anonFirst = c.first.anon;
    const anonLast = c.last.anon;
    // A first capture that does not count anonymous memory leaves the growth unknown, not grown from zero.
    if (c.captures < 2 || anonFirst === undefined || anonLast === undefined || anonLast - anonFirst < MIN_GROWTH) continue;
    const grown = anonLast - anonFirst;
    const fileGrown = (c.last.file ?? 0) - (c.first.file ?? 0);
    const overMs = c.firstAtMs !== undefined && c.lastAtMs !== undefined && c.lastAtMs > c.firstAtMs ? c.lastAtMs - c.firstAtMs : undefined;
    const who = isCgroup(c) ? 'the memory cgroup' : `${c.process ?? 'the process'}${c.pid !== undefined ? ` (pid ${c.pid})` : ''}`;
    // A snapshot carries no pid: it is taken to be of this process when the capture names a JS runtime.
    const jsRuntime = c.process !== undefined && JS_RUNTIME.test(c.process);
    const joined = heap && jsRuntime ? heap : undefined;
    let where: string;
    let verdict: string;
    const steps = [`${formatBytes(anonFirst)} → ${formatBytes(anonLast)} private anonymous memory (${c.kind === 'smaps-rollup' ? 'Anonymous' : isCgroup(c) ? 'anon' : 'RssAnon'})`];
    if (joined) {
      const native = Math.max(0, anonLast - joined.jsBytes - joined.backingBytes);
      steps.push(`${formatBytes(joined.jsBytes)} V8 heap objects (${joined.file}, taken to be of this process: a snapshot carries no pid)`, `${formatBytes(joined.backingBytes)} ArrayBuffer/Buffer backing stores (${BACKING_STORE})`, `${formatBytes(native)} neither: native allocations (malloc in addons and the runtime, thread stacks)`);
      if (joined.backingBytes >= anonLast / 2) {
        where = 'Buffer and ArrayBuffer backing stores';
        verdict = `the heap snapshot lists ${formatBytes(joined.backingBytes)} of ArrayBuffer backing stores (${BACKING_STORE}) against ${formatBytes(joined.jsBytes)} of V8 heap objects: the memory is outside the V8 heap but held by JS objects, so the snapshot's retainers of those ArrayBuffers (the Heap tab) show what keeps it`;
      } else if (joined.jsBytes >= anonLast / 2) {
        where = 'the JS heap';
        verdict = `the heap snapshot holds ${formatBytes(joined.jsBytes)} of V8 heap objects: the growth is inside the JS heap, and the heap findings tell which objects`;
      } else {
        where = 'native memory outside the JS heap';
        verdict = `the heap snapshot accounts for only ${formatBytes(joined.jsBytes + joined.backingBytes)} (${formatBytes(joined.jsBytes)} V8 objects, ${formatBytes(joined.backingBytes)} backing stores): ${formatBytes(native)} is native memory no snapshot shows (malloc in a native addon or the runtime); a native leak tool (heaptrack, LeakSanitizer, the alloc views) finds its stacks`;
      }
    } else {
      const native = c.process !== undefined && !jsRuntime;
      where = isCgroup(c) ? 'anonymous memory of the cgroup' : native ? 'native memory (malloc, new, mmap)' : 'private anonymous memory';
      verdict = isCgroup(c)
        ? 'anonymous memory is what the processes allocated (heap, malloc, buffers); the page cache (file) is reclaimed before an OOM kill, so it is not what filled the limit'
        : native
          ? `${c.process} is not a JS runtime, so its private anonymous memory is its native heap (malloc, new, mmap) and thread stacks; a native leak tool (heaptrack, LeakSanitizer, the alloc views) finds the allocating stacks`
          : `private anonymous memory is the JS heap, malloc and buffers alike; ${heap ? 'the heap snapshot in the case is not known to be of this process (the capture names none: capture /proc/PID/status, whose Name says)' : 'a heap snapshot of the same process (for a JS runtime) or a native leak report tells which'}`;
    }
    steps.push(`${fileGrown >= 0 ? '+' : ''}${formatBytes(fileGrown)} file-backed (page cache, mapped files: shared and reclaimable)`);
    const limitReached = (c.oomKills ?? 0) > 0 || (c.last.limit !== undefined && c.last.rss !== undefined && c.last.rss >= 0.95 * c.last.limit);
    const impact: FindingImpact = {
      growth: {
        grownBytes: bytes(grown),
        observations: c.captures,
        timeBase: overMs !== undefined ? 'metrics' : 'none',
        ...(overMs !== undefined ? { overMs: millis(overMs), bytesPerHour: (grown * 3_600_000) / overMs } : {}),
        ...(limitReached ? { limitReached } : {}),
      },
    };
    out.push({
      id: `timeline.rss-breakdown.${out.length}`,
      analysis: 'timeline.rss-breakdown',
      category: 'memory-growth',
      severity: severityOf(impact),
      impact,
      title: `Resident memory of ${who} grew ${formatBytes(grown)}${overMs !== undefined ? ` in ${formatDuration(overMs)}` : ''}, in ${where}`,
      detail:
        `Across ${plural(c.captures, 'capture')} of ${c.file}, private anonymous memory went from ${formatBytes(anonFirst)} to ${formatBytes(anonLast)} while file-backed memory changed by ${formatBytes(fileGrown)}: ${verdict}.` +
        (c.oomKills ? ` The cgroup's oom_kill counter rose by ${c.oomKills}: the growth ended in an OOM kill at its ${c.last.limit !== undefined ? `${formatBytes(c.last.limit)} ` : ''}limit.` : ''),
      evidence: [
        { label: 'anonymous memory, first', value: anonFirst, unit: 'bytes' },
        { label: 'anonymous memory, last', value: anonLast, unit: 'bytes' },
        { label: 'file-backed change', value: fileGrown, unit: 'bytes' },
        ...(joined ? [{ label: 'V8 heap objects', value: joined.jsBytes, unit: 'bytes' as const }, { label: 'ArrayBuffer backing stores', value: joined.backingBytes, unit: 'bytes' as const }] : []),
        ...(c.last.limit !== undefined ? [{ label: 'cgroup limit', value: c.last.limit, unit: 'bytes' as const }] : []),
      ],
      paths: [{ label: 'where the RSS went', steps }],
      suggestedFix: joined
        ? 'Bound what holds the memory: a cache or session map that is never pruned (evict by size or age), Buffers kept after use (copy the part you need, release the rest), listeners or timers that keep their closures alive.'
        : 'Find the allocating stacks of the growing memory (heaptrack or LeakSanitizer for native code, heap snapshots for a JS runtime) and bound or free what they allocate; set a memory limit with headroom and alert on the growth rate.',
      sources: [c.file, ...(joined ? [joined.file] : [])],
      ...(c.firstAtMs !== undefined ? { window: { startMs: c.firstAtMs, ...(c.lastAtMs !== undefined ? { endMs: c.lastAtMs } : {}) } } : {}),
      subject: { key: `process-memory:${c.file}` },
    });
  }
  return out;
}
