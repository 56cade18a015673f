import { formatBytes } from '../../core/byteFormat';
import type { FindingOf } from '../../core/analysisContract';
import type { EvidenceItem, FindingImpact } from '../../core/finding';
import { formatPercentLimit, formatShare, groupDigits, plural } from '../../core/numberFormat';
import { severityOf } from '../../core/severity';
import type { HeapAnalysisId } from '../analysisIds';
import { slotPattern } from '../leakDetection';
import { BIG_DROP, SUSPECT_SHARE, type LeakSuspect, type LeakSuspectReport } from '../leakSuspects';
import type { SnapshotTime } from '../snapshotTime';
import { codeEvidence } from './codeEvidence';
import { cacheOf, namedHolder } from './leakFindings';

/**
 * One finding per suspect. The claim is size at one capture, never growth: the impact is memory
 * retained (`live`, so a medium at most: core/severity.ts), with no growth, and the text says how to
 * tell a leak from what the program keeps on purpose.
 */
export function suspectFindings(report: LeakSuspectReport, time: SnapshotTime | undefined): FindingOf<HeapAnalysisId>[] {
  return report.suspects.map((s, i) => {
    const impact: FindingImpact = { retained: { bytes: s.retainedBytes, share: s.share, state: 'live' } };
    const a = s.accumulation;
    const held = { signature: a.signature, retainerPath: s.retainerPath };
    const holder = namedHolder(held);
    const cache = cacheOf(held);
    const where = `${holder}${a.containers > 1 ? ` (${plural(a.containers, `${a.className} object`)})` : ''}`;
    const size = `${formatBytes(s.retainedBytes)} (${formatShare(s.share)} of the heap)`;
    return {
      id: `heap.suspect.${i}`,
      analysis: 'heap.suspects',
      category: 'memory-leak' as const,
      severity: severityOf(impact),
      impact,
      subject: { key: `heap.retained:${slotPattern(a.signature).pattern}`, objects: s.className },
      title: s.kind === 'class' ? `${plural(s.count, `${s.className} object`)} occupy ${size}, accumulated in ${where}` : `One ${s.className} @${s.exampleIds[0]} retains ${size}, accumulated in ${where}`,
      detail: `${s.kind === 'class' ? classDetail(s, report, holder) : objectDetail(s, report, holder)}${cache ? ` Its holder, ${cache}, is named as a cache: a cache keeps what it holds on purpose, and whether it should let these go is its policy.` : ''} One snapshot shows what holds the memory, not that it grows: compare with an earlier snapshot of the same process to confirm a leak (what keeps piling up between them leaks; a steady size is what the program keeps on purpose).`,
      evidence: evidenceOf(s, holder),
      paths: [{ label: `retainer path of ${s.kind === 'class' ? `${s.className} @${s.exampleIds[0]}` : `the accumulation point ${a.label}`}`, steps: s.retainerPath }],
      suggestedFix: cache
        ? `If ${cache} is meant to hold its ${s.className} objects only for a while, bound it (size or age, LRU) or clear it when that work ends; if it is meant to hold them for the process's life, this is its size, and the question is whether it fits the memory the process has. A second snapshot later tells which.`
        : `If these ${s.className} objects should not stay in ${holder} for the process's life, remove them from it in the code path that releases them, or bound it (LRU, a size or age limit; a WeakMap/WeakRef if it must not keep them alive). A second snapshot of the same process, taken later, shows whether they keep piling up.`,
      sources: [report.file],
      ...(time ? { window: { startMs: time.atMs } } : {}),
    };
  });
}

/** Eclipse MAT's wording, in the terms of this heap. */
function classDetail(s: LeakSuspect, report: LeakSuspectReport, holder: string): string {
  const a = s.accumulation;
  const holders = a.containers > 1 ? `${plural(a.containers, `${a.className} object`)} of that shape hold about ${groupDigits(a.held)} of them (${a.label} the most)` : `${a.label} holds ${a.containers === 1 && a.held === s.count ? 'all' : `about ${groupDigits(a.held)}`} of them`;
  return `${plural(s.count, `${s.className} object`)}, none inside another's retained memory, retain ${formatBytes(s.retainedBytes)}, ${formatShare(s.share)} of the ${formatBytes(report.totalBytes)} heap: more than the ${formatPercentLimit(SUSPECT_SHARE * 100)} Eclipse MAT calls a leak suspect. Their shortest paths from the GC roots (weak references left out) lead to ${holder}, where ${holders}.`;
}

function objectDetail(s: LeakSuspect, report: LeakSuspectReport, holder: string): string {
  const a = s.accumulation;
  const self = a.id === s.exampleIds[0];
  const over = `spreads over the ${plural(a.held, 'object')} it holds directly (none keeps ${formatPercentLimit(BIG_DROP * 100)} of it: Eclipse MAT's accumulation point)`;
  const spread = self ? `Its memory ${over}; it is ${holder}` : `Down what it holds, the memory stays together as far as ${a.label} (${holder}), where it ${over}`;
  return `${s.className} @${s.exampleIds[0]} alone retains ${formatBytes(s.retainedBytes)}, ${formatShare(s.share)} of the ${formatBytes(report.totalBytes)} heap: more than the ${formatPercentLimit(SUSPECT_SHARE * 100)} Eclipse MAT calls a leak suspect. ${spread}.`;
}

function evidenceOf(s: LeakSuspect, holder: string): EvidenceItem[] {
  const a = s.accumulation;
  return [
    s.kind === 'class' ? { label: `${s.className} objects`, value: s.count, unit: 'count' } : { label: 'object', value: `${s.className} @${s.exampleIds[0]}` },
    { label: 'retained', value: s.retainedBytes, unit: 'bytes' },
    { label: 'share of the heap', value: s.share * 100, unit: '%' },
    { label: 'accumulation point', value: `${a.label} (${holder})` },
    ...(a.containers > 1 ? [{ label: `${a.className} objects of that shape`, value: a.containers, unit: 'count' as const }] : []),
    { label: s.kind === 'class' ? `${s.className} held there` : 'objects held there', value: a.held, unit: 'count' },
    ...(s.kind === 'class' ? [{ label: 'example object ids', value: s.exampleIds.map((id) => `@${id}`).join(', ') }] : []),
    ...codeEvidence(s.location),
  ];
}
