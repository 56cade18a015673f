import { useState, type ReactNode } from 'react';
import type { AftermathApi, ExportRequest, JobId } from '../../analyzers/app/api/appApi';
import type { CaseResult } from '../../analyzers/case/caseResult';
import { InputsPanel } from './components/InputsPanel';
import { AllocPanel } from './views/alloc/AllocPanel';
import { FindingsView } from './views/findings/FindingsView';
import { AllocationSites } from './views/heap/AllocationSites';
import { DetachedNodes } from './views/heap/DetachedNodes';
import { HeapAnalysisView } from './views/heap/HeapLeaksView';
import { HeapSummaryView } from './views/heap/HeapSummaryView';
import { LocksPanel } from './views/locks/LocksPanel';
import { ReportPanel } from './views/report/ReportPanel';
import { SqlConsole } from './views/sql/SqlConsole';
import { TimelinePanel } from './views/timeline/TimelinePanel';
import type { ExportFormat } from '../../analyzers/report/exportFormats';

type Exporter = (format: ExportFormat, content: ExportRequest['content'], edits?: ExportRequest['edits']) => void;

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
}

function capabilityTabs({ result, api, onExport }: Props): Tab[] {
  const host = api.host;
  const { heap, alloc, locks, timeline } = result.views;
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
    if (heap.leaks || heap.cycles || heap.comparison) {
      tabs.push({ id: 'heap-analysis', title: 'Leaks & cycles', render: () => <HeapAnalysisView view={heap} findings={result.findings} /> });
    }
  }
  if (alloc && alloc.reports.length > 0) {
    tabs.push({ id: 'alloc', title: 'Native memory', render: () => <AllocPanel view={alloc} findings={result.findings} /> });
  }
  if (locks && locks.inputs.length > 0) {
    tabs.push({ id: 'locks', title: 'Locks', render: () => <LocksPanel view={locks} findings={result.findings} /> });
  }
  return tabs;
}

/** The RCA report first (what the user came for), the findings, then one tab per capability with data. */
export function ResultTabs(props: Props) {
  const { result, api, jobId } = props;
  const tabs: Tab[] = [
    { id: 'report', title: 'Report', render: () => <ReportPanel result={result} api={api} jobId={jobId} /> },
    { id: 'findings', title: `Findings (${result.findings.length})`, render: () => <FindingsView findings={result.findings} /> },
    ...capabilityTabs(props),
    { id: 'sql', title: 'SQL', render: () => <SqlConsole api={api} jobId={jobId} /> },
  ];
  const [active, setActive] = useState(tabs[0].id);
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  if (result.inputs.length === 0) return <InputsPanel result={result} />;
  return (
    <>
      <InputsPanel result={result} />
      <nav className="tabs" role="tablist">
        {tabs.map((t) => (
          <button key={t.id} role="tab" aria-selected={t.id === current.id} onClick={() => setActive(t.id)}>
            {t.title}
          </button>
        ))}
      </nav>
      <div role="tabpanel">{current.render()}</div>
    </>
  );
}
