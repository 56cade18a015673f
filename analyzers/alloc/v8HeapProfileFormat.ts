import type { Frame } from '../core/frame';
import { InputError } from '../core/inputError';
import { plural } from '../core/numberFormat';
import { bytes } from '../core/units';
import type { InputFormat, InputNotice, LoadContext, Loaded } from '../ingest/capability';
import { readWhole, type FileSource } from '../ingest/fileSource';
import { jsonCutNotice, jsonDocumentOf } from '../ingest/jsonDocument';
import type { AllocArtifact } from './artifact';
import type { LeakRecord } from './model';

/** A sampling profile is a tree of call paths, small next to a snapshot; past this it is not one. */
const MAX_BYTES = 256 * 2 ** 20;

interface ProfileNode {
  callFrame?: { functionName?: unknown; url?: unknown; lineNumber?: unknown; columnNumber?: unknown };
  selfSize?: unknown;
  id?: unknown;
  children?: unknown;
}

/** V8 positions are 0-based (-1 unknown); frames elsewhere are 1-based. A builtin has no script: its module is `v8`. */
function frameOf(node: ProfileNode): Frame {
  const cf = node.callFrame ?? {};
  const frame: Frame = { fn: typeof cf.functionName === 'string' && cf.functionName ? cf.functionName : '(anonymous)' };
  if (typeof cf.url === 'string' && cf.url) frame.file = cf.url;
  else frame.module = 'v8';
  if (typeof cf.lineNumber === 'number' && cf.lineNumber >= 0) frame.line = cf.lineNumber + 1;
  if (typeof cf.columnNumber === 'number' && cf.columnNumber >= 0) frame.col = cf.columnNumber + 1;
  return frame;
}

/**
 * V8's sampling heap profile (`node --heap-prof`, DevTools' "Allocation sampling", the inspector's
 * `HeapProfiler.stopSampling`): a call tree whose nodes carry the bytes of sampled objects still
 * alive when the profile was taken (`selfSize`, scaled by V8 to estimate all of them) and a
 * `samples` list naming each sample's node. One record per node that holds memory, its call path
 * innermost first.
 */
export function readV8HeapProfile(file: string, text: string): Loaded<AllocArtifact> {
  const parsed = jsonDocumentOf(file, text);
  const root = parsed.doc as { head?: ProfileNode; samples?: unknown };
  if (!root.head || typeof root.head !== 'object') throw new InputError(file, 'has no call tree (head)', { section: 'head' });
  const samplesPerNode = new Map<unknown, number>();
  let lastOrdinal = -1;
  for (const s of Array.isArray(root.samples) ? (root.samples as { nodeId?: unknown; ordinal?: unknown }[]) : []) {
    samplesPerNode.set(s.nodeId, (samplesPerNode.get(s.nodeId) ?? 0) + 1);
    if (typeof s.ordinal === 'number' && Number.isFinite(s.ordinal) && s.ordinal > lastOrdinal) lastOrdinal = s.ordinal;
  }
  const records: LeakRecord[] = [];
  const seen = new Set<unknown>();
  let badNodes = 0;
  // Iterative walk: a deep recursion in the profiled program is a deep tree here.
  const stack: { node: ProfileNode; path: Frame[] }[] = [{ node: root.head, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    seen.add(node.id);
    const isRoot = path.length === 0 && node === root.head;
    const frames = isRoot ? [] : [frameOf(node), ...path];
    const self = node.selfSize;
    if (self !== undefined && (typeof self !== 'number' || !Number.isFinite(self) || self < 0)) badNodes++;
    else if (typeof self === 'number' && self > 0 && !isRoot) records.push({ kind: 'live', bytes: bytes(self), blocks: samplesPerNode.get(node.id) ?? 0, frames });
    if (Array.isArray(node.children)) for (const c of node.children as ProfileNode[]) if (c && typeof c === 'object') stack.push({ node: c, path: frames });
  }
  const notices: InputNotice[] = [];
  const orphans = [...samplesPerNode].reduce((n, [id, count]) => (seen.has(id) ? n : n + count), 0);
  // Seen in Node 20's --heap-prof output: V8 leaves out of the tree nodes it pruned, not their samples.
  if (orphans) notices.push({ message: `${plural(orphans, 'sample')} ${orphans === 1 ? 'names' : 'name'} a call-tree node the profile does not hold: not counted` });
  if (parsed.cut) notices.push(jsonCutNotice(parsed.cut, 'the profile was cut; the call tree before the cut is read'));
  if (badNodes) notices.push({ message: `${plural(badNodes, 'call-tree node')} with a selfSize that is not a byte count, skipped` });
  if (!Array.isArray(root.samples)) notices.push({ message: 'the profile has no samples list: sample counts per site are unknown (shown as 0)' });
  return {
    artifact: { type: 'leak-report', tool: 'v8-heap-profile', records, toolTotals: {}, suppressions: [], isDiff: false, ...(lastOrdinal >= 0 ? { capturedAt: { by: 'sample ids' as const, value: lastOrdinal } } : {}) },
    complete: !parsed.cut && badNodes === 0,
    notices,
  };
}

async function loadV8HeapProfile(source: FileSource, ctx: LoadContext): Promise<Loaded<AllocArtifact>> {
  const tooLarge = () => new InputError(source.name, `is larger than ${MAX_BYTES / 2 ** 20} MiB: a sampling heap profile is far smaller`, { byteOffset: MAX_BYTES });
  return readV8HeapProfile(source.name, (await readWhole(source, MAX_BYTES, tooLarge, undefined, ctx.signal)).toString('utf8'));
}

const PROFILE_HEAD = /^\uFEFF?\s*\{\s*"head"\s*:\s*\{\s*"callFrame"\s*:/;

export const v8HeapProfileFormat: InputFormat<AllocArtifact> = {
  id: 'alloc.v8-heap-profile',
  label: 'V8 sampling heap profile (.heapprofile: node --heap-prof, DevTools allocation sampling)',
  sniff: (head) => PROFILE_HEAD.test(head) && /"selfSize"\s*:/.test(head),
  nearMiss: (head) =>
    PROFILE_HEAD.test(head)
      ? /"hitCount"\s*:/.test(head)
        ? 'it is a CPU profile (.cpuprofile: hitCount, not selfSize): it says where time went, not memory'
        : 'its call-tree nodes have no selfSize'
      : undefined,
  load: loadV8HeapProfile,
};
