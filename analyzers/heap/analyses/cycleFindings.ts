import type { FindingOf } from '../../core/analysisContract';
import type { FindingImpact } from '../../core/finding';
import { severityOf } from '../../core/severity';
import { groupDigits, plural } from '../../core/numberFormat';
import type { HeapAnalysisId } from '../analysisIds';
import type { CycleReport } from '../cycleDetection';
import { codeEvidence } from './codeEvidence';

/**
 * The cycles that keep growing memory reachable across snapshots, as findings, each showing what
 * roots it. A cycle seen in one snapshot, or one that does not grow, is structure (listed in the
 * view, not raised); so are the framework structures.
 */
export function cycleFindings(report: CycleReport, sources: string[]): FindingOf<HeapAnalysisId>[] {
  return report.groups
    .filter((c) => c.grows === true && !c.framework)
    .map((c, i) => {
      const per = c.instancesPerSnapshot ?? [];
      const impact: FindingImpact = { growth: { grownObjects: per[per.length - 1] - per[0], observations: per.length, timeBase: 'none' } };
      const growth = c.instancesPerSnapshot && c.instancesPerSnapshot.length > 1 ? ` (${c.instancesPerSnapshot.map(groupDigits).join(' → ')} across snapshots)` : '';
      const self = c.kind === 'closure-self-capture';
      return {
        id: `heap.cycle.${i}`,
        analysis: 'heap.cycles',
        category: 'circular-reference' as const,
        severity: severityOf(impact),
        impact,
        subject: { key: `heap.cycle:${c.kind}|${c.className}|${c.via}`, partOf: [c.className] },
        title: self
          ? `${plural(c.instances, `${c.className} object`)} ${c.instances === 1 ? 'holds' : 'hold'} a closure that captures the object itself (${c.via})${c.grows ? ', growing' : ''}`
          : `${plural(c.instances, `${c.className} object`)} reference each other through ${c.via}${c.grows ? ', growing' : ''}`,
        detail: `${self ? `Each ${c.className} keeps a closure in ${c.via.split(' → ')[0]} whose context captures the same ${c.className}` : `${c.className} instances point at other ${c.className} instances through ${c.via}`}, forming cycles (largest strongly connected component: ${plural(c.largestComponent, 'object')})${growth}. A cycle alone is collected by V8; it stays alive only because something outside it still references it — the root path shows what, and every object of the cycle goes with it.`,
        evidence: [
          { label: `${c.className} in such cycles`, value: c.instances, unit: 'count' as const },
          { label: 'largest component', value: c.largestComponent, unit: 'count' as const },
          ...(c.instancesPerSnapshot ? [{ label: 'instances per snapshot', value: c.instancesPerSnapshot.map(groupDigits).join(' → ') }] : []),
          { label: 'example', value: `@${c.exampleId}` },
          ...codeEvidence(c.location),
        ],
        paths: [
          { label: 'cycle', steps: c.cyclePath },
          { label: 'what keeps it alive (shortest path from the GC roots)', steps: c.rootPath },
        ],
        suggestedFix: self
          ? `Cut the outside reference shown in the root path when a ${c.className} is released; and prefer a prototype method (or a handler that receives the ${c.className} as an argument) to a per-instance closure over \`this\`, so each instance does not carry its own capturing closure.`
          : `When a ${c.className} is released, remove it from the ${c.via} of the others (or keep ids / WeakRefs there instead of strong references), and cut the outside reference shown in the root path.`,
        sources,
      };
    });
}
