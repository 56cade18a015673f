import { HELD_BY_CACHE, severityRank, type Finding, type FindingCategory } from '../core/finding';
import { magnitude } from './mergeFindings';
import type { KeyedFinding } from './findingRefs';
import { labelOf, type RootCauseChainId } from './reportModel';

/**
 * One incident pattern as a chain of finding categories: the categories that can *name* the cause
 * (in tiers: a mechanism such as a leak outranks its symptom, memory growth), and the categories that
 * are evidence of the same story. Adding a pattern is adding an entry here.
 */
export interface ChainRule {
  id: RootCauseChainId;
  label: string;
  /** Earlier tiers win over later ones whatever the severity; within a tier the most severe wins. */
  anchorTiers: FindingCategory[][];
  related: FindingCategory[];
  /** Narrows `related` where a category is shared by patterns (a memory threshold vs a latency one). */
  relates?: (f: Finding) => boolean;
  /** What the pattern means, in a sentence, after the anchor's own title. */
  mechanism: string;
  /**
   * What the chain may claim when only a symptom anchors it: an OOM kill alone proves the memory ran
   * out, not that something leaked (a load spike or a limit set too low end the same way).
   */
  whenAnchoredOn?: Partial<Record<FindingCategory, { label: string; mechanism: string }>>;
  /**
   * The mechanism when a finding of the chain shows how it ended (an OOM kill: the limit was reached);
   * without one, `mechanism` does not claim the ending.
   */
  whenShown?: Partial<Record<FindingCategory, string>>;
  /**
   * What the chain may claim when its anchor says more than its category does (a leak whose holder is
   * a cache: kept on purpose, not proven garbage); the first that fits wins.
   */
  whenAnchor?: { fits: (f: Finding) => boolean; label: string; mechanism: string; whenShown?: Partial<Record<FindingCategory, string>> }[];
  /**
   * Its mechanisms are happenings in the incident's own telemetry (a stampede at a TTL boundary), so
   * what was seen far from their time is another happening, not their evidence. Not so for a leak or
   * a lock seen in a recording: snapshots taken in another run still show the mechanism of this one.
   */
  happenings?: true;
}

/** Categories that name a mechanism rather than a symptom: a chain anchored on one outranks the rest. */
const MECHANISMS: ReadonlySet<FindingCategory> = new Set(['memory-leak', 'circular-reference', 'cache-stampede', 'lock-contention']);
export const isMechanism = (category: FindingCategory): boolean => MECHANISMS.has(category);

const MEMORY_WORDS = /\b(memory|heap|rss|oom|out of memory|bytes?)\b/i;
/** A threshold breach on a memory metric belongs to a leak's story; one on latency or CPU does not. */
const isMemoryThreshold = (f: Finding): boolean =>
  f.category === 'threshold-breach' && (MEMORY_WORDS.test(f.title) || f.evidence.some((e) => e.unit === 'bytes' || e.unit === 'bytes/h'));

export const CHAIN_RULES: readonly ChainRule[] = [
  {
    id: 'memory-leak',
    label: 'Memory leak',
    anchorTiers: [['memory-leak', 'circular-reference'], ['memory-growth'], ['oom']],
    related: ['memory-leak', 'circular-reference', 'memory-growth', 'oom', 'threshold-breach', 'load-test-break'],
    relates: (f) => f.category !== 'threshold-breach' || isMemoryThreshold(f),
    mechanism: 'Objects that should have been released stay reachable, so the live heap grows as the program runs.',
    // Two facts, not one causal claim: how much of the memory the leak accounts for is the statement's
    // reconciliation, which may say it cannot be told.
    whenShown: { oom: 'Objects that should have been released stay reachable, so the live heap grows as the program runs; the process reached its memory limit and was killed.' },
    whenAnchor: [
      {
        // One capture of the live heap (a heap snapshot's leak suspect, an in-use profile): it shows how
        // much is held and where, never that it grows, so the chain may not claim a leak's growth.
        fits: (f) => sizeAtOneCapture(f),
        label: 'Leak suspect',
        mechanism: 'One capture of the live heap shows these objects holding a large share of the memory in one place; it cannot show that they grow, so they are a suspect, not a proven leak. A second capture of the same process, taken later, tells a leak from memory kept on purpose.',
        whenShown: {
          oom: 'One capture of the live heap shows these objects holding a large share of the memory in one place; the process reached its memory limit and was killed. One capture cannot show that they grow, so they are a suspect, not a proven leak: a second capture of the same process, taken later, tells a leak from memory kept on purpose.',
        },
      },
      {
        fits: (f) => f.evidence.some((e) => e.label === HELD_BY_CACHE),
        label: 'Cache growth',
        mechanism: "A cache keeps what is put in it: its entries stay reachable while it holds them, so the live heap grows with it. Whether they should go is the cache's policy; the snapshots show what it let grow, not objects proven to be garbage.",
        whenShown: { oom: "A cache keeps what is put in it: its entries stay reachable while it holds them, so the live heap grows with it; the process reached its memory limit and was killed. Whether the entries should go is the cache's policy, which the snapshots do not show." },
      },
    ],
    whenAnchoredOn: {
      'memory-growth': {
        label: 'Memory growth',
        mechanism: 'Memory grew steadily; nothing in the evidence shows what holds it — a leak, a cache filling up or a rising load grow the same way. Heap snapshots or an allocation profile taken over the growth would name it.',
      },
      oom: {
        label: 'Out of memory',
        mechanism: 'The process reached its memory limit; nothing in the evidence shows what grew — a leak, a load spike or a limit set too low end the same way. Heap snapshots or memory metrics over the hours before the kill would tell them apart.',
      },
    },
  },
  {
    id: 'cache-stampede',
    label: 'Cache stampede',
    anchorTiers: [['cache-stampede']],
    related: ['cache-stampede', 'pool-exhaustion', 'threshold-breach', 'cascade', 'throughput-collapse'],
    relates: (f) => !isMemoryThreshold(f),
    happenings: true,
    mechanism:
      'Many cache entries expired at the same moment; the misses all went to the database together, saturated its connection pool, and latency collapsed.',
  },
  {
    id: 'lock-contention',
    label: 'Lock contention',
    anchorTiers: [['lock-contention'], ['throughput-collapse']],
    related: ['lock-contention', 'throughput-collapse', 'threshold-breach', 'load-test-break'],
    relates: (f) => !isMemoryThreshold(f),
    mechanism: 'Threads serialize on a contended lock: more load adds waiting (system time), not work, so throughput falls while CPU rises.',
  },
  {
    id: 'cascade',
    label: 'Cascading failure',
    anchorTiers: [['cascade']],
    related: ['cascade', 'threshold-breach', 'oom'],
    happenings: true,
    mechanism: "One service's failure spread to the services that depend on it.",
  },
];

/** A memory finding about what one capture of a running process holds, with no growth behind it. */
export const sizeAtOneCapture = (f: Finding): boolean => f.impact.retained?.state === 'live' && !showsGrowth(f);

/**
 * Whether a finding shows memory growing over time (across snapshots, in an allocation log, in the
 * metrics): a leak that grows can explain an incident's growth; one seen only at exit cannot.
 */
export const showsGrowth = (f: Finding): boolean => (f.impact.growth?.observations ?? 0) >= 2;

/**
 * Too small to be a cause or part of one: low or info, and not growing. Listed as also found.
 * (An 11 KiB ownership cycle at exit next to 215 MiB/h of growth is not why the servers died.)
 */
export const isMinor = (f: Finding): boolean => severityRank(f.severity) <= severityRank('low') && (!showsGrowth(f) || negligibleGrowth(f));

/** Growth across snapshots that is under 5 % of the heap's own growth: noise of a healthy heap, not a leak. */
const negligibleGrowth = (f: Finding): boolean => f.impact.growth?.timeBase !== 'metrics' && (f.impact.growth?.shareOfGrowth ?? 1) < 0.05;

/** Best first: growing before not, then severity, then the size of the impact. */
export function byWeight(a: Finding, b: Finding): number {
  return Number(showsGrowth(b)) - Number(showsGrowth(a)) || severityRank(b.severity) - severityRank(a.severity) || magnitude(b.impact) - magnitude(a.impact);
}

/** The label and mechanism a matched chain may claim, given what anchors it. */
export function chainClaim(chain: MatchedChain): { label: string; mechanism: string } {
  const anchored = chain.rule.whenAnchoredOn?.[chain.anchor.finding.category];
  if (anchored) return anchored;
  const claim = chain.rule.whenAnchor?.find((w) => w.fits(chain.anchor.finding)) ?? chain.rule;
  const shown = Object.entries(claim.whenShown ?? {}).find(([category]) => chain.evidence.some((k) => k.finding.category === category));
  return { label: claim.label, mechanism: shown?.[1] ?? claim.mechanism };
}

/** A chain that matched: its anchor and every finding of the chain (anchor first). */
export interface MatchedChain {
  rule: ChainRule;
  anchor: KeyedFinding;
  evidence: KeyedFinding[];
}

/**
 * Picks the root cause(s): every pattern whose anchor is present, best first (a mechanism before a
 * symptom, then the most severe evidence, then the most evidence). A later chain is dropped when its
 * anchor is already evidence of an earlier one (throughput collapse is part of a cache stampede's
 * story, not a second cause). With no pattern, the most severe finding stands alone.
 */
export function matchRootCauses(findings: readonly KeyedFinding[]): MatchedChain[] {
  const relevant = findings.filter((k) => k.finding.category !== 'input-quality');
  // Small findings never name the cause next to bigger ones; alone, they are all the evidence says.
  const major = relevant.filter((k) => !isMinor(k.finding));
  const usable = major.length ? major : relevant;
  const matched = CHAIN_RULES.flatMap((rule) => matchChains(rule, usable));
  matched.sort((a, b) => chainScore(b).localeCompare(chainScore(a)));
  const kept: MatchedChain[] = [];
  for (const chain of matched) {
    if (kept.some((k) => k.evidence.includes(chain.anchor))) continue;
    kept.push(chain);
  }
  if (usable.length === 0) return kept;
  // Small findings only: the largest is named alone. The others are problems of their own, listed
  // beside it (two small leak sites do not support each other).
  if (!major.length && kept.length > 0) return [{ ...kept[0], evidence: [kept[0].anchor] }];
  if (kept.length > 0) return kept;
  const worst = [...usable].sort((a, b) => byWeight(a.finding, b.finding))[0];
  const other: ChainRule = { id: 'other', label: labelOf(worst.finding.category), anchorTiers: [], related: [], mechanism: '' };
  return [{ rule: other, anchor: worst, evidence: [worst] }];
}

/**
 * The pattern's chains: one per group of mechanisms that input files link to each other. Two leaks
 * whose evidence shares no file (a Node heap's and a C++ program's LeakSanitizer report) are two
 * problems, whatever their names have in common: neither explains the other, so each is a root cause
 * of its own, with the symptoms seen in its own files (the heap's growth between its snapshots). The
 * symptoms of no file of theirs (the service's metrics, its kills) go to one group only (`primaryGroup`).
 */
function matchChains(rule: ChainRule, findings: readonly KeyedFinding[]): MatchedChain[] {
  const related = findings.filter((k) => rule.related.includes(k.finding.category) && (rule.relates?.(k.finding) ?? true));
  const mechanisms = related.filter((k) => isMechanism(k.finding.category));
  const groups = sourceGroups(mechanisms);
  if (groups.length < 2) {
    const span = rule.happenings && windowSpan(mechanisms);
    const chain = matchChain(rule, findings.filter((k) => inTimeWith(span, k)));
    return chain ? [chain] : [];
  }
  const groupOf = (k: KeyedFinding) => groups.findIndex((g) => g.some((m) => sharesSources(k, m)));
  const others = related.filter((k) => !mechanisms.includes(k));
  const symptoms = others.filter((k) => groupOf(k) < 0);
  const primary = primaryGroup(groups, symptoms);
  const primarySpan = rule.happenings && windowSpan(groups[primary]);
  const timely = symptoms.filter((k) => inTimeWith(primarySpan, k));
  return groups.flatMap((g, i) => matchChain(rule, [...g, ...others.filter((k) => groupOf(k) === i), ...(i === primary ? timely : [])]) ?? []);
}

const sharesSources = (a: KeyedFinding, b: KeyedFinding): boolean => a.finding.sources.some((s) => b.finding.sources.includes(s));

/** The findings split where no input file links them, each group through files shared step by step. */
function sourceGroups(findings: readonly KeyedFinding[]): KeyedFinding[][] {
  let groups: KeyedFinding[][] = [];
  for (const k of findings) {
    const joined = groups.filter((g) => g.some((m) => sharesSources(k, m)));
    groups = [...groups.filter((g) => !joined.includes(g)), [...joined.flat(), k]];
  }
  return groups;
}

/**
 * The group the symptoms without a file of its own are evidence of: one whose mechanisms were
 * recorded while the symptoms happened, or whose time is unknown (a leak recorded in another run
 * cannot be what filled this service's memory), the strongest of those.
 */
function primaryGroup(groups: readonly KeyedFinding[][], symptoms: readonly KeyedFinding[]): number {
  const span = windowSpan(symptoms);
  const during = (g: readonly KeyedFinding[]) => {
    const own = windowSpan(g);
    return !span || !own || (own.startMs <= span.endMs && own.endMs >= span.startMs);
  };
  const best = (g: readonly KeyedFinding[]) => [...g].sort((a, b) => byWeight(a.finding, b.finding))[0].finding;
  const order = groups.map((_, i) => i).sort((a, b) => Number(during(groups[b])) - Number(during(groups[a])) || byWeight(best(groups[a]), best(groups[b])));
  return order[0];
}

/** Findings this far (or the mechanisms' own span, if longer) from a mechanism's time are of the same incident. */
const SAME_INCIDENT_MS = 6 * 3_600_000;

/**
 * Whether a finding was recorded near enough the time of the mechanisms (`span`; false: a chain whose
 * mechanisms are not happenings, ChainRule.happenings) to be their evidence: a pool exhausted months
 * after a cache stampede is another happening, whatever its kind. Without a time, it cannot be told.
 */
function inTimeWith(span: { startMs: number; endMs: number } | undefined | false, k: KeyedFinding): boolean {
  const w = k.finding.window;
  if (!span || !w) return true;
  const slack = Math.max(SAME_INCIDENT_MS, span.endMs - span.startMs);
  return (w.endMs ?? w.startMs) >= span.startMs - slack && w.startMs <= span.endMs + slack;
}

function windowSpan(findings: readonly KeyedFinding[]): { startMs: number; endMs: number } | undefined {
  const windows = findings.flatMap((k) => (k.finding.window ? [k.finding.window] : []));
  if (!windows.length) return undefined;
  return { startMs: Math.min(...windows.map((w) => w.startMs)), endMs: Math.max(...windows.map((w) => w.endMs ?? w.startMs)) };
}

function matchChain(rule: ChainRule, findings: readonly KeyedFinding[]): MatchedChain | undefined {
  let anchor: KeyedFinding | undefined;
  for (const tier of rule.anchorTiers) {
    // What grows first, then severity and size, then the tier's own order (a leak before a cycle).
    const candidates = findings
      .filter((k) => tier.includes(k.finding.category))
      .sort((a, b) => byWeight(a.finding, b.finding) || tier.indexOf(a.finding.category) - tier.indexOf(b.finding.category));
    if (candidates.length > 0) {
      anchor = candidates[0];
      break;
    }
  }
  if (!anchor) return undefined;
  const named = anchor.finding;
  const evidence = findings.filter((k) => k !== anchor && rule.related.includes(k.finding.category) && (rule.relates?.(k.finding) ?? true) && !countsOtherObjects(k.finding, named));
  return { rule, anchor, evidence: [anchor, ...evidence] };
}

/**
 * A class's rising count is evidence of a cause about objects only when they make up that growth
 * (ESLint's heap: its AST nodes' count grew beside a type cache that holds none of them).
 */
function countsOtherObjects(f: Finding, anchor: Finding): boolean {
  const population = f.subject?.population;
  return population !== undefined && anchor.subject?.objects !== undefined && !(anchor.subject.holdsGrowthOf ?? []).includes(population);
}

/** Sortable as a string: mechanism flag, worst severity in the chain, evidence count. */
function chainScore(chain: MatchedChain): string {
  const mechanism = MECHANISMS.has(chain.anchor.finding.category) ? 1 : 0;
  const worst = Math.max(...chain.evidence.map((k) => severityRank(k.finding.severity)));
  return `${mechanism}${worst}${String(chain.evidence.length).padStart(6, '0')}`;
}
