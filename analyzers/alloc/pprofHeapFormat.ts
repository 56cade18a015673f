import { formatBytes } from '../core/byteFormat';
import { InputError } from '../core/inputError';
import { plural } from '../core/numberFormat';
import { bytes } from '../core/units';
import type { InputFormat, Loaded } from '../ingest/capability';
import { pprofHead, readPprof } from '../ingest/pprofProfile';
import { pprofTextKind } from '../ingest/pprofText';
import type { AllocArtifact } from './artifact';
import type { LeakRecord } from './model';

/**
 * A Go heap profile (`/debug/pprof/heap`, `/debug/pprof/allocs`, `pprof.Lookup("heap")`, `pprof
 * -proto`, and the legacy text form of `?debug=1`): per stack the memory in use at the last GC (`inuse_space`/`inuse_objects`, kind `live`)
 * and, as a ranking beside it, what the stack allocated since the program started (`alloc_space`).
 */
export const pprofHeapFormat: InputFormat<AllocArtifact> = {
  id: 'alloc.pprof-heap',
  label: 'pprof heap profile (Go /debug/pprof/heap: gzipped protobuf or ?debug=1 text)',
  sniff: (head, headBytes) => pprofHead(headBytes)?.sampleTypes === 4 || pprofTextKind(head) === 'heap',
  async load(source, ctx): Promise<Loaded<AllocArtifact>> {
    const profile = await readPprof(source, ctx.signal);
    const index = (type: string) => profile.sampleTypes.findIndex((t) => t.type === type);
    const [inuseSpace, inuseObjects, allocSpace, allocObjects] = ['inuse_space', 'inuse_objects', 'alloc_space', 'alloc_objects'].map(index);
    if (inuseSpace < 0 || inuseObjects < 0) {
      throw new InputError(source.name, `is a pprof profile of ${profile.sampleTypes.map((t) => t.type).join(', ')}, not a heap profile (inuse_space, inuse_objects)`);
    }
    const records: LeakRecord[] = profile.samples
      .filter((s) => s.values[inuseSpace] > 0)
      .map((s) => ({ kind: 'live', bytes: bytes(s.values[inuseSpace]), blocks: s.values[inuseObjects], frames: s.frames }));
    const allocated = allocSpace < 0 ? [] : profile.samples.filter((s) => s.values[allocSpace] > 0).sort((a, b) => b.values[allocSpace] - a.values[allocSpace]);
    return {
      artifact: {
        type: 'leak-report',
        tool: 'pprof',
        records,
        toolTotals: {},
        suppressions: [],
        isDiff: false,
        ...(profile.timeMs !== undefined ? { capturedAt: { by: 'timestamps' as const, value: profile.timeMs } } : {}),
        ...(allocated.length ? { otherSections: [{ title: 'Allocated since the program started (alloc_space)', unit: 'bytes' as const, entries: allocated.map((s) => ({ value: s.values[allocSpace], calls: allocObjects < 0 ? 0 : s.values[allocObjects], frames: s.frames })) }] } : {}),
      },
      complete: profile.damage.length === 0,
      notices: [...profile.damage, { message: `${plural(profile.samples.length, 'stack')}; the heap profile is as of the last garbage collection before it was written, sampled every ${formatBytes(profile.period)} on average` }],
    };
  },
};
