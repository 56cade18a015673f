import { severityRank, type Finding, type FindingImpact, type MemoryGrowth, type RetainedMemory } from '../core/finding';
import { severityOf } from '../core/severity';
import { bytes } from '../core/units';
import { formatBytes } from '../core/byteFormat';

/** A merged finding keeps this many paths: the lead's, then one per joined finding. */
const MAX_PATHS = 8;
const MAX_SLOTS_NAMED = 6;

export interface MergeResult {
  findings: Finding[];
  /** Id of every finding folded into another → the id of the finding it joined. */
  mergedInto: Map<string, string>;
}

/**
 * One finding per real-world problem, above the capabilities that saw it: findings with the same
 * subject key (one ownership cycle in LeakSanitizer and Valgrind; one leak through sixteen slots of a
 * listener table) become one, with every source and slot listed; a finding `partOf` a class (the
 * closures that capture leaked Players, the Players' cycles) joins the finding about that class, and
 * a class's rising count joins the finding that holds most of that growth.
 * The lead is the member with the most impact; the others become its evidence. Pure; order kept.
 */
export function mergeFindings(findings: readonly Finding[]): MergeResult {
  const mergedInto = new Map<string, string>();
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.subject) continue;
    const group = groups.get(f.subject.key) ?? [];
    group.push(f);
    groups.set(f.subject.key, group);
  }
  const replaced = new Map<Finding, Finding | null>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const [lead, ...rest] = byImpact(group);
    const slots = group.map((f) => f.subject?.slot).filter((s): s is string => s !== undefined);
    // Different slots hold different objects: their sizes add up. The same problem seen by two
    // tools is one amount seen twice: the larger stands.
    const merged = join(lead, rest, slots.length === group.length, slots);
    replaced.set(lead, merged);
    for (const f of rest) replaced.set(f, null);
    for (const f of rest) mergedInto.set(f.id, lead.id);
  }
  let current = findings.flatMap((f) => {
    const r = replaced.get(f);
    return r === undefined ? [f] : r === null ? [] : [r];
  });

  // Parts join the finding about the objects they belong to, when the case has one; a class's count
  // joins the finding that holds most of its growth. A part whose owner is itself a part joins where
  // that one goes, so that nothing is dropped on the way.
  const ranked = byImpact(current);
  const owners = new Map<string, Finding>();
  const growthOwners = new Map<string, Finding>();
  for (const f of ranked) {
    if (f.subject?.objects && !owners.has(f.subject.objects)) owners.set(f.subject.objects, f);
    for (const c of f.subject?.holdsGrowthOf ?? []) if (!growthOwners.has(c)) growthOwners.set(c, f);
  }
  const ownerOf = new Map<Finding, Finding>();
  for (const f of current) {
    const population = f.subject?.population;
    const owner = population !== undefined ? growthOwners.get(population) : f.subject?.partOf?.map((c) => owners.get(c)).find((o) => o !== undefined && o !== f);
    if (owner && owner !== f) ownerOf.set(f, owner);
  }
  const joinedTo = new Map<Finding, Finding>();
  const parts = new Map<Finding, Finding[]>();
  for (const f of ownerOf.keys()) {
    const top = topOwner(f, ownerOf, ranked);
    if (top === f) continue;
    joinedTo.set(f, top);
    parts.set(top, [...(parts.get(top) ?? []), f]);
  }
  if (parts.size) {
    current = current.flatMap((f) => {
      const owner = joinedTo.get(f);
      if (owner) {
        mergedInto.set(f.id, owner.id);
        return [];
      }
      const list = parts.get(f);
      return [list ? join(f, list, true, []) : f];
    });
  }
  // A finding merged into one that was itself merged later points at the final one.
  for (const [from, to] of mergedInto) {
    let end = to;
    for (let seen = 0; mergedInto.has(end) && seen < mergedInto.size; seen++) end = mergedInto.get(end) ?? end;
    mergedInto.set(from, end);
  }
  return { findings: current, mergedInto };
}

/**
 * Where a part ends up: its owner's owner, and so on; in a ring (two findings each part of the other's
 * class), the member of the ring that says most (`ranked` first).
 */
function topOwner(f: Finding, ownerOf: ReadonlyMap<Finding, Finding>, ranked: readonly Finding[]): Finding {
  const path = [f];
  let next = ownerOf.get(f);
  while (next !== undefined && !path.includes(next)) {
    path.push(next);
    next = ownerOf.get(next);
  }
  if (next === undefined) return path[path.length - 1];
  const ring = path.slice(path.indexOf(next));
  return ring.reduce((best, x) => (ranked.indexOf(x) < ranked.indexOf(best) ? x : best));
}

/** Most severe first, then the most bytes or lock wait: the member that says most leads. */
function byImpact(list: readonly Finding[]): Finding[] {
  return [...list].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || magnitude(b.impact) - magnitude(a.impact));
}

export function magnitude(i: FindingImpact): number {
  return Math.max(i.growth?.bytesPerHour ?? 0, i.growth?.grownBytes ?? 0, i.retained?.bytes ?? 0, (i.lockWait?.share ?? 0) * (i.lockWait?.meanWaiters ?? 1), i.oomKills ?? 0);
}

/** The evidence label, before the analysis's id, of a finding merged into another (`join`). */
export const ALSO_SEEN_BY = 'also seen by ';

function join(lead: Finding, others: readonly Finding[], disjoint: boolean, slots: readonly string[]): Finding {
  // A class's count is the same objects counted again (and others of the class besides): it adds evidence, not memory.
  const impact = others.reduce((acc, f) => (f.subject?.population !== undefined ? acc : combine(acc, f.impact, disjoint)), lead.impact);
  const retained = impact.retained?.bytes;
  const slotText = slots.length > 1 ? ` — the same in ${slots.length} slots (${nameSlots(slots)})${retained !== undefined ? `, ${formatBytes(retained)} in all` : ''}` : '';
  // Slots of one container are named in the title; every other member is told as evidence.
  const seenBy = others.filter((f) => f.subject?.key !== lead.subject?.key || f.analysis !== lead.analysis || !sameSources(f, lead));
  // A leak report has no clock; the allocation log of the same problem does.
  const window = lead.window ?? others.find((f) => f.window)?.window;
  return {
    ...lead,
    ...(window ? { window } : {}),
    title: `${lead.title}${slotText}`,
    detail: `${lead.detail}${seenBy.length ? ` The same problem, also seen as: ${seenBy.map((f) => `${f.title} (${f.sources.join(', ')})`).join('; ')}.` : ''}`,
    severity: severityOf(impact),
    impact,
    evidence: [
      ...lead.evidence,
      ...(slots.length > 1 ? [{ label: 'slots', value: slots.join(', ') }] : []),
      ...seenBy.map((f) => ({ label: `${ALSO_SEEN_BY}${f.analysis}`, value: f.title })),
    ],
    paths: [...lead.paths, ...others.flatMap((f) => f.paths.slice(0, 1).map((p) => ({ ...p, label: `${p.label} (${f.analysis})` })))].slice(0, MAX_PATHS),
    sources: [...new Set([...lead.sources, ...others.flatMap((f) => f.sources)])],
  };
}

function sameSources(a: Finding, b: Finding): boolean {
  return a.sources.length === b.sources.length && a.sources.every((s) => b.sources.includes(s));
}

/** `levelup:0`, `levelup:1` … `levelup:15` → `levelup:0 … levelup:15`; a few named, the rest counted. */
function nameSlots(slots: readonly string[]): string {
  const sorted = [...new Set(slots)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return sorted.length <= MAX_SLOTS_NAMED ? sorted.join(', ') : `${sorted[0]} … ${sorted[sorted.length - 1]}`;
}

function combine(a: FindingImpact, b: FindingImpact, disjoint: boolean): FindingImpact {
  const out: FindingImpact = { ...a };
  if (b.retained) out.retained = a.retained ? combineRetained(a.retained, b.retained, disjoint) : b.retained;
  if (b.growth) out.growth = a.growth ? combineGrowth(a.growth, b.growth, disjoint) : b.growth;
  if (b.lockWait && (!a.lockWait || b.lockWait.share > a.lockWait.share)) out.lockWait = b.lockWait;
  if (b.breach && (!a.breach || b.breach.peakRatio > a.breach.peakRatio)) out.breach = b.breach;
  if (b.oomKills) out.oomKills = Math.max(a.oomKills ?? 0, b.oomKills);
  return out;
}

function combineRetained(a: RetainedMemory, b: RetainedMemory, disjoint: boolean): RetainedMemory {
  if (!disjoint || a.state !== b.state) return b.bytes > a.bytes && a.state === b.state ? b : a;
  const share = a.share !== undefined && b.share !== undefined ? Math.min(1, a.share + b.share) : undefined;
  return { ...a, bytes: bytes(a.bytes + b.bytes), ...(share !== undefined ? { share } : {}) };
}

function combineGrowth(a: MemoryGrowth, b: MemoryGrowth, disjoint: boolean): MemoryGrowth {
  // Growth measured on a clock outranks growth counted between undated captures.
  if (a.timeBase !== b.timeBase) return a.bytesPerHour === undefined && b.bytesPerHour !== undefined ? { ...b, observations: Math.max(a.observations, b.observations) } : a;
  if (!disjoint) return (b.bytesPerHour ?? b.grownBytes ?? 0) > (a.bytesPerHour ?? a.grownBytes ?? 0) ? b : a;
  const add = (x: number | undefined, y: number | undefined) => (x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0));
  const grownBytes = add(a.grownBytes, b.grownBytes);
  const grownObjects = add(a.grownObjects, b.grownObjects);
  const bytesPerHour = add(a.bytesPerHour, b.bytesPerHour);
  const shareOfGrowth = add(a.shareOfGrowth, b.shareOfGrowth);
  return {
    ...a,
    ...(grownBytes !== undefined ? { grownBytes: bytes(grownBytes) } : {}),
    ...(grownObjects !== undefined ? { grownObjects } : {}),
    ...(bytesPerHour !== undefined ? { bytesPerHour } : {}),
    ...(shareOfGrowth !== undefined ? { shareOfGrowth: Math.min(1, shareOfGrowth) } : {}),
  };
}
