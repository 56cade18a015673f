import type { ParsedSnapshot } from './heapModel';
import type { HeapSnapshot } from './heapSnapshot';
import { lastAssignedId } from './lastAssignedId';
import { snapshotTimeFromName } from './snapshotTime';

/**
 * Orders snapshots of one process by their own evidence. Node's default names number the snapshots
 * of one process (pid, then a sequence number): when every snapshot has one of the same pid, that
 * order stands. Otherwise the object ids: V8 hands them out in increasing order, so a later snapshot
 * usually has a higher maximum id — usually: a Node 20 server that idled on a timer between its
 * snapshots wrote a third one whose maximum id was below the second's. Ties keep the given order.
 */
export function orderSnapshots<T extends { artifact: HeapSnapshot }>(inputs: readonly T[]): T[] {
  // One snapshot is in order: its ids are not read (a pass over the nodes, twice in an analysis).
  if (inputs.length < 2) return [...inputs];
  const keys = orderKeys(
    inputs.map((input) => input.artifact.parsed.graph.file),
    (i) => lastAssignedId(inputs[i].artifact.parsed.graph),
  );
  return inputs
    .map((input, i) => ({ input, i, key: keys[i] }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((x) => x.input);
}

/**
 * Each snapshot's place in the order (higher is later), from its file name (`names`) or its ids
 * (`lastIdOf`, read only when the names do not order the set).
 */
export function orderKeys(names: readonly string[], lastIdOf: (i: number) => number): number[] {
  const times = names.map(snapshotTimeFromName);
  const pids = new Set(times.map((t) => t?.pid));
  const numbered = times.every((t) => t?.seq !== undefined) && pids.size === 1;
  return names.map((_, i) => (numbered ? (times[i]?.seq ?? 0) : lastIdOf(i)));
}

/**
 * Whether two snapshots come from the same process, so that node ids can be matched: among a
 * sample of objects of the earlier one whose id also exists in the later one, nearly all must have
 * the same type and name (snapshots of different processes reuse the same small ids for other objects).
 */
export function sameProcess(earlier: ParsedSnapshot, later: ParsedSnapshot): boolean {
  const g = earlier.graph;
  const step = Math.max(1, Math.floor(g.nodeCount / 5000));
  let common = 0;
  let same = 0;
  for (let v = 0; v < g.nodeCount; v += step) {
    const w = later.idIndex.lookup(g.nodeId[v]);
    if (w === undefined) continue;
    common++;
    const lg = later.graph;
    if (lg.nodeType[w] === g.nodeType[v] && lg.strings.get(lg.nodeName[w]) === g.strings.get(g.nodeName[v])) same++;
  }
  return common > 0 && same / common >= 0.9;
}
