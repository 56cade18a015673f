import type { Finding, FindingCategory } from '../core/finding';
import { formatUtc } from '../core/timeFormat';
import type { TimelineEvent } from '../case/saved/timelineView';
import type { KeyedFinding } from './findingRefs';
import type { FiveWhy, ReportDetection, ReportImpact } from './reportModel';
import { byWeight, type MatchedChain } from './rootCauseChains';
import { formatDuration } from '../core/durationFormat';

/** How far from the symptom a category sits: the whys walk from the impact down to the mechanism. */
const DEPTH: Record<FindingCategory, number> = {
  oom: 0,
  'threshold-breach': 0,
  cascade: 0,
  'throughput-collapse': 1,
  'load-test-break': 0,
  'memory-growth': 1,
  'cache-stampede': 2,
  'pool-exhaustion': 1,
  'lock-contention': 2,
  'memory-leak': 2,
  'circular-reference': 3,
  'input-quality': 9,
};

/** The question one asks next, once a finding of this category is the answer. */
const NEXT_QUESTION: Record<FindingCategory, string> = {
  oom: 'Why did the process run out of memory?',
  'threshold-breach': 'Why did the metric cross its threshold?',
  cascade: 'Why did the first service fail?',
  'throughput-collapse': 'Why did throughput fall while CPU rose?',
  'load-test-break': 'Why does the service stop keeping up at this load?',
  'memory-growth': 'Why did memory keep growing?',
  'cache-stampede': 'Why did so many entries expire at the same moment?',
  'pool-exhaustion': 'Why did the clients need more connections than the pool has?',
  'lock-contention': 'Why do the threads contend on this lock?',
  'memory-leak': 'Why are these objects kept alive?',
  'circular-reference': 'Why is the cycle still reachable?',
  'input-quality': 'Why is the evidence incomplete?',
};

/** What would answer the next question when the evidence does not: said plainly instead of a blank. */
const WOULD_ANSWER: Record<FindingCategory, string> = {
  oom: 'the memory metrics of the killed process before the kill',
  'threshold-breach': 'the metrics and events of the services behind this one',
  cascade: 'the metrics and logs of the first service to fail',
  'throughput-collapse': 'a lock or CPU profile captured during the collapse',
  'load-test-break': 'a CPU or lock profile of the service under that load',
  'memory-growth': 'heap snapshots or a leak report of the process taken during the growth',
  'cache-stampede': "the cache's writes: when each key was written and with which TTL",
  'pool-exhaustion': "the database's slow-query log and the pool's wait metrics",
  'lock-contention': 'lock contention with call stacks (perf lock contention -g, or perf script with futex probes)',
  'memory-leak': 'the retainer path in a heap snapshot, and the code that should remove these objects',
  'circular-reference': 'the ownership of the objects in the cycle (which reference should be weak)',
  'input-quality': 'the complete inputs',
};

/** The question after the mechanism's own evidence: why the design lets it happen. */
const ORIGIN_QUESTION: Partial<Record<FindingCategory, string>> = {
  'cache-stampede': 'Why did the keys share one expiry?',
  'lock-contention': 'Why does one lock serialize independent operations?',
  'memory-leak': 'Why does the code keep them there?',
  'circular-reference': 'Why do the objects own each other?',
};

const ORIGIN_WOULD_ANSWER: Partial<Record<FindingCategory, string>> = {
  'cache-stampede': "the code that writes the keys (one TTL for all, or a jitter) and what triggered the write",
  'lock-contention': 'the code that takes the lock: what it protects and whether each object could have its own',
  'memory-leak': 'the change that added the reference (the deploy before the growth) and the code path that releases these objects',
  'circular-reference': 'the ownership design of these classes',
};

/** What else of the case a why can be answered from: its events (a deploy, a fix) and measured fixes. */
export interface WhyContext {
  events: readonly TimelineEvent[];
  /** The after side of a before/after capture of the cause's mechanism. */
  fixes: readonly Finding[];
}

const STEPS = 5;
export const TO_BE_ANSWERED = '(to be answered by the team)';
const notInEvidence = (what: string) => `Not in the evidence: ${what} would answer it.`;

/**
 * Pre-fills the five whys from the root cause's chain: one finding per depth, symptom first, then
 * the evidence path of the cause (retainer path, allocation stack), then why it was not caught
 * sooner. Never more than five; what the evidence cannot answer is left for the team.
 */
export function fiveWhys(chain: MatchedChain | undefined, impact: ReportImpact, detection: ReportDetection, context: WhyContext = { events: [], fixes: [] }): FiveWhy[] {
  const whys: FiveWhy[] = [];
  let question = 'Why was the service degraded?';
  if (chain) {
    const anchor = chain.anchor.finding;
    for (const step of stepsByDepth(chain.anchor, chain.evidence).slice(0, STEPS - 2)) {
      whys.push({ question, answer: step.finding.title, findingKey: step.key });
      question = NEXT_QUESTION[step.finding.category];
    }
    // A symptom's path (the list of kills, the order of a cascade) restates it: only a mechanism's
    // path (a retainer path, a lock's stack) answers why.
    const path = DEPTH[anchor.category] > 0 ? anchor.paths[0] : undefined;
    if (path && path.steps.length > 0) {
      const tail = path.steps.length > 6 ? ['…', ...path.steps.slice(-6)] : path.steps;
      whys.push({ question, answer: `${path.label}: ${tail.join(' → ')}`, findingKey: chain.anchor.key });
    } else if (whys.length < STEPS - 1) whys.push({ question, answer: notInEvidence(WOULD_ANSWER[anchor.category]) });
    const origin = ORIGIN_QUESTION[anchor.category];
    if (origin && whys.length < STEPS - 1) {
      const answer = originAnswer(anchor, context) ?? notInEvidence(ORIGIN_WOULD_ANSWER[anchor.category] ?? WOULD_ANSWER[anchor.category]);
      whys.push({ question: origin, answer, findingKey: chain.anchor.key });
    }
  }
  whys.push({ question: 'Why was it not caught before it hurt?', answer: detectionAnswer(impact, detection) });
  while (whys.length < STEPS) whys.splice(whys.length - 1, 0, { question: 'Why?', answer: TO_BE_ANSWERED });
  return whys.slice(0, STEPS);
}

/**
 * One finding per depth, the anchor at its own (the path asked about next is the anchor's), the
 * weightiest elsewhere; nothing deeper than the anchor: the anchor answers the last question.
 */
function stepsByDepth(anchor: KeyedFinding, evidence: readonly KeyedFinding[]): KeyedFinding[] {
  const anchorDepth = DEPTH[anchor.finding.category];
  const byDepth = new Map<number, KeyedFinding>([[anchorDepth, anchor]]);
  for (const k of [...evidence].sort((a, b) => byWeight(a.finding, b.finding))) {
    const d = DEPTH[k.finding.category];
    if (d < anchorDepth && !byDepth.has(d)) byDepth.set(d, k);
  }
  return [...byDepth.entries()].sort((a, b) => a[0] - b[0]).map(([, k]) => k);
}

/**
 * The origin of the mechanism where the case holds it: the cache write that gave every key one TTL
 * (and what came before and after it), the operations that share one lock (and the capture after
 * the change). Undefined when the evidence does not say.
 */
function originAnswer(anchor: Finding, { events, fixes }: WhyContext): string | undefined {
  const item = (label: string) => anchor.evidence.find((e) => e.label === label)?.value;
  if (anchor.category === 'cache-stampede') {
    const written = item('keys written');
    const ttl = item('TTL');
    if (written === undefined || typeof ttl !== 'number') return undefined;
    const writeAt = anchor.window?.startMs !== undefined ? anchor.window.startMs - ttl : undefined;
    // What triggered the write (a deploy or restart shortly before), and a change that spread the TTLs after.
    // An event that names its service (events.jsonl, Kubernetes) says more than a chat line retelling it.
    const triggers = writeAt === undefined ? [] : events.filter((e) => (e.kind === 'deploy' || e.kind === 'restart') && e.atMs <= writeAt && writeAt - e.atMs <= 10 * 60_000).reverse();
    const before = triggers.find((e) => e.service) ?? triggers[0];
    const fix = anchor.window ? events.find((e) => e.atMs > anchor.window!.startMs && /jitter|random|spread/i.test(`${e.title} ${e.detail}`)) : undefined;
    return (
      `${written}: every key got the same ${formatDuration(ttl)} TTL at the same moment, so they expired together exactly 1 × TTL later.` +
      (before ? ` The write followed '${before.title}' (${formatUtc(before.atMs)}${before.detail ? `: ${before.detail.replace(/\.$/, '')}` : ''}).` : '') +
      (fix ? ` '${fix.title}' at ${formatUtc(fix.atMs)} is the change that spread them.` : '')
    );
  }
  if (anchor.category === 'lock-contention') {
    const callers = anchor.evidence.filter((e) => e.label.endsWith("() share of this lock's wait")).map((e) => e.label.replace(/ share of this lock's wait$/, ''));
    if (callers.length < 2) return undefined;
    const address = item('lock address');
    const after = fixes[0];
    return (
      `${callers.join(', ')} — operations on different objects — all wait on one lock${address ? ` (${address})` : ''}: it guards everything they touch, so they run one at a time.` +
      (after ? ` The capture after the change: ${after.title}.` : '')
    );
  }
  return undefined;
}

function detectionAnswer(impact: ReportImpact, detection: ReportDetection): string {
  if (detection.firstAlert && detection.timeToDetectMs !== undefined) {
    return `The first alert ("${detection.firstAlert.title}") fired ${formatDuration(detection.timeToDetectMs)} after the impact began. ${TO_BE_ANSWERED}`;
  }
  if (detection.firstAlert) return `The first alert was "${detection.firstAlert.title}". ${TO_BE_ANSWERED}`;
  if (impact.window && impact.windowIs !== 'recording') return `No alert is in the evidence; Aftermath's rules would have flagged it at the start of the impact. ${TO_BE_ANSWERED}`;
  return TO_BE_ANSWERED;
}
