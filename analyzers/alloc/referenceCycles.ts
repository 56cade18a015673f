import { bytes, type Bytes } from '../core/units';
import { qualifiedName, type FrameClassifier } from './frameFolding';
import type { LeakReport } from './model';
import { objectTypeFromFrames } from './objectType';
import { recordSite } from './leakSites';
import { allocatedBySharedPtr } from './suggestedFixes';

/** The same cycle in every tool's report of one program: its member types, sorted. */
export const ownershipCycleKey = (cycle: Pick<ReferenceCycle, 'types'>): string => `native.ownership-cycle:${[...cycle.types].sort().join('; ')}`;

/** Leaked blocks that are only reachable from each other: the signature of an ownership cycle. */
export interface ReferenceCycle {
  /** LSan: indirect leaks that no direct leak can own; Valgrind: a clique whose leader is one of its own kind. */
  signature: 'lsan-indirect-only' | 'valgrind-clique';
  /** Object types of the members, shared_ptr-managed ones first; a function name where the frames do not say. */
  types: string[];
  /** The user functions that allocated the members. */
  functions: string[];
  siteKeys: string[];
  bytes: Bytes;
  blocks: number;
  /** Members were allocated through std::make_shared / shared_ptr control blocks. */
  viaSharedPtr: boolean;
  /** std::function objects holding lambdas among the members: a lambda capturing its owner. */
  lambdas: string[];
}

/**
 * LeakSanitizer marks everything reachable from a leaked block as indirectly leaked, so the
 * members of a pure cycle are all indirect with no direct leak above them. An indirect record is
 * "owned" when a direct leak was allocated in the same user function (a struct and the buffer it
 * points to); the rest form the cycle. Valgrind instead promotes one member of each clique to
 * definitely lost with the others as its indirect bytes; a leader allocated at the same site as
 * indirect blocks is a member of its own cycle, not an owner. Needs symbolized frames.
 */
export function findReferenceCycle(report: LeakReport, classifier: FrameClassifier): ReferenceCycle | undefined {
  if (report.tool !== 'lsan' && report.tool !== 'valgrind') return undefined;
  const sited = report.records.map((record) => {
    const { key, index } = recordSite(record.frames, classifier);
    const fn = record.frames[index]?.fn;
    return { record, key, index, fn: fn === undefined ? undefined : qualifiedName(fn) };
  });
  const indirectKeys = new Set(sited.filter((s) => s.record.kind === 'indirect').map((s) => s.key));
  const isLeader = (s: (typeof sited)[number]) => s.record.kind === 'direct' && (s.record.ownedIndirectBytes ?? 0) > 0 && indirectKeys.has(s.key);
  const ownerFunctions = new Set(sited.filter((s) => s.record.kind === 'direct' && !isLeader(s)).map((s) => s.fn));
  const members = sited.filter((s) => s.fn !== undefined && ((s.record.kind === 'indirect' && !ownerFunctions.has(s.fn)) || isLeader(s)));
  if (!members.some((s) => s.record.kind === 'indirect')) return undefined;

  // Biggest first, so that the title names the objects that hold most of the memory.
  const typed = members.map((s) => ({ ...s, type: objectTypeFromFrames(s.record.frames, s.index) })).sort((a, b) => b.record.bytes - a.record.bytes);
  const sharedTypes = new Set<string>();
  const otherTypes = new Set<string>();
  const lambdas = new Set<string>();
  for (const m of typed) {
    const shared = allocatedBySharedPtr(m.record.frames);
    if (m.type?.startsWith('std::function holding')) lambdas.add(m.type);
    else if (shared && m.type) sharedTypes.add(m.type);
    else otherTypes.add(m.type ?? (m.fn as string));
  }
  return {
    signature: report.tool === 'lsan' ? 'lsan-indirect-only' : 'valgrind-clique',
    types: [...sharedTypes, ...lambdas, ...otherTypes],
    functions: [...new Set(members.map((m) => m.fn as string))],
    siteKeys: [...new Set(members.map((m) => m.key))],
    bytes: bytes(members.reduce((sum, m) => sum + m.record.bytes, 0)),
    blocks: members.reduce((sum, m) => sum + m.record.blocks, 0),
    viaSharedPtr: typed.some((m) => allocatedBySharedPtr(m.record.frames)),
    lambdas: [...lambdas],
  };
}
