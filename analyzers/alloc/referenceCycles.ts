import type { Finding, FindingImpact } from '../core/finding';
import { severityOf } from '../core/severity';
import { bytes, type Bytes } from '../core/units';
import { formatBytes } from '../core/byteFormat';
import { foldedStackSteps } from './foldedStack';
import { qualifiedName, type FrameClassifier } from './frameFolding';
import { plural } from '../ingest/lineTally';
import type { LeakReport } from './model';
import { objectTypeFromFrames } from './objectType';
import { recordSite, type LeakSite } from './leakSites';
import { allocatedBySharedPtr, CLEAR_ON_REMOVAL, NON_OWNING_DIRECTION, WEAK_PTR_BACK_REFERENCES, WEAK_PTR_IN_LAMBDAS } from './suggestedFixes';

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

/** The same cycle in every tool's report of one program: its member types, sorted. */
export const ownershipCycleKey = (cycle: Pick<ReferenceCycle, 'types'>): string => `native.ownership-cycle:${[...cycle.types].sort().join('; ')}`;

/**
 * The circular-reference finding; its paths are the members' allocation stacks (library frames
 * folded), taken from the report's sites.
 */
export function referenceCycleFinding(cycle: ReferenceCycle, sites: readonly LeakSite[], classifier: FrameClassifier, source: string, index: number): Finding {
  const named = cycle.types.slice(0, 3).join(', ') + (cycle.types.length > 3 ? ` and ${cycle.types.length - 3} more` : '');
  const how =
    cycle.signature === 'lsan-indirect-only'
      ? 'LeakSanitizer reports these blocks only as indirect leaks, reachable from other leaked blocks, and no direct leak allocated in the same functions can own them'
      : 'Valgrind reports a clique whose leader was allocated at the same place as the blocks it holds, so the leader is one more member of a loop';
  const fixes = [cycle.viaSharedPtr ? WEAK_PTR_BACK_REFERENCES : NON_OWNING_DIRECTION];
  if (cycle.lambdas.length) fixes.push(WEAK_PTR_IN_LAMBDAS);
  fixes.push(CLEAR_ON_REMOVAL);
  const members = new Set(cycle.siteKeys);
  // What the tool saw is what was lost when the run ended; whether it grows needs a run over time.
  const impact: FindingImpact = { retained: { bytes: cycle.bytes, state: 'leaked-at-exit' } };
  return {
    id: `alloc.reference-cycle.${index}`,
    analysis: 'alloc.reference-cycles',
    category: 'circular-reference',
    severity: severityOf(impact),
    impact,
    // LeakSanitizer and Valgrind (and heaptrack) runs of one program see the same cycle: one problem.
    subject: { key: ownershipCycleKey(cycle), objects: ownershipCycleKey(cycle) },
    // The tool is named because LSan and Valgrind runs of one program often sit in the same case.
    title: `Ownership cycle (${cycle.signature === 'lsan-indirect-only' ? 'LeakSanitizer' : 'Valgrind'}): ${named} keep each other alive (${formatBytes(cycle.bytes)} in ${plural(cycle.blocks, 'block')} leaked)`,
    detail:
      `${how}: the signature of an ownership cycle${cycle.viaSharedPtr ? ' of std::shared_ptr' : ''}. ` +
      `The blocks were allocated in ${cycle.functions.join(', ')}.` +
      (cycle.lambdas.length ? ` ${cycle.lambdas.join(', ')} is among them: a lambda that captured a shared_ptr to the object that stores it.` : ''),
    evidence: [
      { label: 'bytes in the cycle', value: cycle.bytes, unit: 'bytes' },
      { label: 'blocks in the cycle', value: cycle.blocks, unit: 'count' },
      { label: 'types', value: cycle.types.join('; ') },
    ],
    paths: sites
      .filter((site) => members.has(site.key))
      .map((site) => ({
        label: `cycle member ${site.objectType ?? site.key}: ${formatBytes(site.bytes)} in ${plural(site.blocks, 'block')}, allocated at (innermost first)`,
        steps: foldedStackSteps(site.stack, classifier),
      })),
    suggestedFix: `Break the cycle: ${fixes.join('; ')}.`,
    sources: [source],
  };
}
