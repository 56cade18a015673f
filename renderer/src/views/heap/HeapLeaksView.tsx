import { memo } from 'react';
import type { Finding } from '../../../../analyzers/core/finding';
import { capabilityOf } from '../../../../analyzers/report/analysisIds';
import type { HeapView } from '../../../../analyzers/case/saved/heapView';
import { FindingLines } from '../../components/FindingLines';
import { ComparisonTable } from './ComparisonTable';
import { CycleGroups } from './CycleGroups';
import { LeakClusters } from './LeakClusters';
import { ClassTrends } from './ClassTrends';

/**
 * What the heap analyses found across the snapshots of a case: leak clusters (and the method that
 * found them), suspicious reference cycles with what roots them, and the per-constructor comparison.
 * The Summary by constructor stays in HeapSummaryView.
 */
export const HeapAnalysisView = memo(function HeapAnalysisView({ view, findings }: { view: HeapView; findings: readonly Finding[] }) {
  const { leaks, cycles, comparison } = view;
  if (!leaks && !cycles && !comparison) {
    return <p>No heap analysis: load two or three snapshots of one process to compare them and look for leaks.</p>;
  }
  return (
    <section className="heap-analysis" aria-label="Heap analysis">
      <FindingLines label="Heap findings" findings={findings.filter((f) => capabilityOf(f) === 'heap')} />
      {view.sourceMaps && <SourceMapNote use={view.sourceMaps} />}
      {leaks ? <LeakClusters leaks={leaks} /> : <p className="muted">Leak detection needs two or more snapshots of one process.</p>}
      {view.classTrends && <ClassTrends trends={view.classTrends} />}
      {cycles && <CycleGroups cycles={cycles} />}
      {comparison && <ComparisonTable comparison={comparison} />}
    </section>
  );
});

/** Which source maps named the original code, and why a position may still be the script's own. */
function SourceMapNote({ use }: { use: NonNullable<HeapView['sourceMaps']> }) {
  return (
    <div className="muted" role="note" aria-label="Source maps">
      {use.applied.length > 0 && <p>Source maps applied: {use.applied.map((a) => a.map).join(', ')}.</p>}
      {use.problems.length > 0 && (
        <ul>
          {use.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
