import type { FindingCategory } from '../core/finding';
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

const STEPS = 5;
export const TO_BE_ANSWERED = '(to be answered by the team)';

/**
 * Pre-fills the five whys from the root cause's chain: one finding per depth, symptom first, then
 * the evidence path of the cause (retainer path, allocation stack), then why it was not caught
 * sooner. Never more than five; what the evidence cannot answer is left for the team.
 */
export function fiveWhys(chain: MatchedChain | undefined, impact: ReportImpact, detection: ReportDetection): FiveWhy[] {
  const whys: FiveWhy[] = [];
  let question = 'Why was the service degraded?';
  if (chain) {
    for (const step of stepsByDepth(chain.anchor, chain.evidence).slice(0, STEPS - 2)) {
      whys.push({ question, answer: step.finding.title, findingKey: step.key });
      question = NEXT_QUESTION[step.finding.category];
    }
    const path = chain.anchor.finding.paths[0];
    if (path && path.steps.length > 0) {
      const tail = path.steps.length > 6 ? ['…', ...path.steps.slice(-6)] : path.steps;
      whys.push({ question, answer: `${path.label}: ${tail.join(' → ')}`, findingKey: chain.anchor.key });
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

function detectionAnswer(impact: ReportImpact, detection: ReportDetection): string {
  if (detection.firstAlert && detection.timeToDetectMs !== undefined) {
    return `The first alert ("${detection.firstAlert.title}") fired ${formatDuration(detection.timeToDetectMs)} after the impact began. ${TO_BE_ANSWERED}`;
  }
  if (detection.firstAlert) return `The first alert was "${detection.firstAlert.title}". ${TO_BE_ANSWERED}`;
  if (impact.window) return `No alert is in the evidence; Aftermath's rules would have flagged it at the start of the impact. ${TO_BE_ANSWERED}`;
  return TO_BE_ANSWERED;
}
