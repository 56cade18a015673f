import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { buildReport } from '../../analyzers/report/buildReport';
import type { AftermathApi, ExportRequest, JobId } from '../../analyzers/app/api/appApi';
import type { CaseResult } from '../../analyzers/case/caseResult';
import { TabList } from './components/TabList';
import type { ReportEditsState } from './useReportEdits';
import { AllocPanel } from './views/alloc/AllocPanel';
import { useGrowthChartAhead } from './views/alloc/growthChartChunk';
import { FindingsView, type FindingsViewState } from './views/findings/FindingsView';
import { AllocationSites } from './views/heap/AllocationSites';
import { DetachedNodes } from './views/heap/DetachedNodes';
import { HeapAnalysisView } from './views/heap/HeapLeaksView';
import { HeapSummaryView } from './views/heap/HeapSummaryView';
import { HeapExplorer, type HeapTarget } from './views/heap/explorer/HeapExplorer';
import { useExplorerAhead } from './views/heap/explorer/useExplorerAhead';
import { ShowInHeapContext } from './components/showInHeap';
import { useVirtualizerWarm } from './components/VirtualTableBody';
import { LocksPanel } from './views/locks/LocksPanel';
import { ReportPanel } from './views/report/ReportPanel';
import { BeforeAfterView } from './views/regression/BeforeAfterView';
import { SqlConsole } from './views/sql/SqlConsole';
import { TimelinePanel } from './views/timeline/TimelinePanel';
import type { ExportFormat } from '../../analyzers/report/exportFormats';
import type { ReportRegression } from '../../analyzers/report/reportModel';

type Exporter = (format: ExportFormat, content: ExportRequest['content']) => void;

interface Tab {
  id: string;
  title: string;
  render: () => ReactNode;
}

interface Props {
  result: CaseResult;
  api: AftermathApi;
  jobId: JobId;
  onExport: Exporter;
  editing: ReportEditsState;
  /** The open tab, kept by the app so that a re-analysis comes back to it. */
  activeTab: string;
  onTab: (id: string) => void;
  findingsView: FindingsViewState;
  onFindingsView: (state: FindingsViewState) => void;
  /** The SQL console's query, kept by the app: a re-analysis mounts the panels again, and what was typed stays. */
  sql: string;
  onSql: (sql: string) => void;
}

function capabilityTabs({ result, api, jobId, onExport }: Props, regression: ReportRegression | undefined, heapTarget: HeapTarget | undefined): Tab[] {
  const host = api.host;
  const { heap, alloc, locks, timeline } = result.views;
  const baselineFlames = result.views.regression?.flames ?? [];
  const tabs: Tab[] = [];
  if (timeline && (timeline.series.length > 0 || timeline.events.length > 0)) {
    tabs.push({ id: 'timeline', title: 'Timeline', render: () => <TimelinePanel view={timeline} findings={result.findings} /> });
  }
  if (heap && heap.snapshots.length > 0) {
    tabs.push({
      id: 'heap',
      title: 'Heap',
      render: () => (
        <>
          <div className="actions">
            <button onClick={() => onExport('md', 'heap-summary')}>{host === 'desktop' ? 'Export summary as Markdown…' : 'Download summary (Markdown)'}</button>
          </div>
          <HeapSummaryView view={heap} />
          {heap.detachedNodes && <DetachedNodes detached={heap.detachedNodes} />}
          {heap.allocationSites && <AllocationSites snapshots={heap.allocationSites} />}
        </>
      ),
    });
    tabs.push({ id: 'heap-explorer', title: 'Heap explorer', render: () => <HeapExplorer api={api} jobId={jobId} snapshots={heap.snapshots} target={heapTarget} /> });
    if (heap.leaks || heap.cycles || heap.comparison) {
      tabs.push({ id: 'heap-analysis', title: 'Leaks & cycles', render: () => <HeapAnalysisView view={heap} findings={result.findings} /> });
    }
  }
  if (alloc && alloc.reports.length > 0) {
    tabs.push({ id: 'alloc', title: 'Native memory', render: () => <AllocPanel view={alloc} findings={result.findings} baselineFlames={baselineFlames} /> });
  }
  if (locks && locks.inputs.length > 0) {
    tabs.push({ id: 'locks', title: 'Locks', render: () => <LocksPanel view={locks} findings={result.findings} baselineFlames={baselineFlames} /> });
  }
  const gate = result.views.regression;
  if (gate && regression) tabs.push({ id: 'before-after', title: 'Before/after', render: () => <BeforeAfterView gate={gate} regression={regression} /> });
  return tabs;
}

/** The RCA report first (what the user came for), the findings, then one tab per capability with data. */
export function ResultTabs(props: Props) {
  const { result, api, jobId, editing, activeTab, onTab } = props;
  // Which findings make one problem does not depend on the edits.
  const chains = useMemo(() => buildReport(result), [result]);
  const [heapTarget, setHeapTarget] = useState<HeapTarget>();
  const snapshotCount = result.views.heap?.snapshots.length ?? 0;
  const hasSnapshots = snapshotCount > 0;
  useExplorerAhead(api, jobId, snapshotCount);
  useVirtualizerWarm();
  useGrowthChartAhead(result.views.alloc?.reports.some((r) => r.growth !== undefined) ?? false);
  const showInHeap = useCallback(
    (id: number, snapshot?: number) => {
      setHeapTarget((t) => ({ id, snapshot, seq: (t?.seq ?? 0) + 1 }));
      onTab('heap-explorer');
    },
    [onTab],
  );
  const tabs: Tab[] = [
    { id: 'report', title: editing.unsaved ? 'Report •' : 'Report', render: () => <ReportPanel result={result} api={api} jobId={jobId} editing={editing} /> },
    { id: 'findings', title: `Findings (${result.findings.length})`, render: () => <FindingsView findings={result.findings} report={chains} state={props.findingsView} onState={props.onFindingsView} /> },
    ...capabilityTabs(props, chains.regression, heapTarget),
    { id: 'sql', title: 'SQL', render: () => <SqlConsole api={api} jobId={jobId} sql={props.sql} onSql={props.onSql} /> },
  ];
  const current = tabs.find((t) => t.id === activeTab) ?? tabs[0];
  return (
    <ShowInHeapContext.Provider value={hasSnapshots ? showInHeap : undefined}>
      {/* A visited tab stays mounted, hidden, until the result changes: going back to it is instant; the
          others are mounted ahead when the page is idle, so that a first visit is as quick. */}
      <TabList tabs={tabs} active={current.id} onSelect={onTab} label="Case views" keepUntil={result}>
        {(id) => tabs.find((t) => t.id === id)?.render()}
      </TabList>
    </ShowInHeapContext.Provider>
  );
}
