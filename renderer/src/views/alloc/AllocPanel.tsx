import { Suspense } from 'react';
import type { AllocReportView, AllocSiteTrendReport, AllocView, RunComparison } from '../../../../analyzers/case/saved/allocView';
import type { FlameGraph } from '../../../../analyzers/case/saved/flameGraph';
import type { Finding } from '../../../../analyzers/core/finding';
import { isFromAnalysis } from '../../../../analyzers/report/analysisIds';
import { FindingLines } from '../../components/FindingLines';
import { ComparisonView } from './ComparisonView';
import { CycleBox } from './CycleBox';
import { GrowthChart } from './growthChartChunk';
import { ReportSummary } from './ReportSummary';
import { SitesTable } from './SitesTable';
import { SiteTrends } from './SiteTrends';
import './allocPanel.css';
import { useFilePicker } from '../../components/useFilePicker';
import { FlameSection, FrameFilterChip, useFrameFilter } from '../../components/flame/FlameSection';

/** One report, with the comparisons and site trends after it: a frame of its flame graph filters all their tables. */
function ReportDetail({ report, findings, comparisons, siteTrends, baselineFlame }: { report: AllocReportView; findings: readonly Finding[]; comparisons: readonly RunComparison[]; siteTrends: readonly AllocSiteTrendReport[]; baselineFlame?: FlameGraph }) {
  const own = findings.filter((f) => f.sources.includes(report.file) && !isFromAnalysis(f, 'alloc.compare-runs') && !isFromAnalysis(f, 'alloc.site-trends'));
  const cycleFix = own.find((f) => f.category === 'circular-reference')?.suggestedFix;
  const { filter, select, clear } = useFrameFilter();
  const { frame } = filter;
  const sites = frame === undefined ? report.sites : report.sites.filter((s) => s.stack.some((f) => f.label === frame));
  const diff = comparisons.find((c) => c.after === report.file && c.flame)?.flame ?? baselineFlame;
  return (
    <>
      <ReportSummary report={report} />
      <FindingLines label="Findings for this file" findings={own} />
      {report.cycle && <CycleBox cycle={report.cycle} fix={cycleFix} />}
      {report.growth && (
        <Suspense fallback={<p className="muted">Loading the chart…</p>}>
          <GrowthChart growth={report.growth} />
        </Suspense>
      )}
      {report.flame && <FlameSection title="Leaked bytes by allocation stack" graph={report.flame} diff={diff} filter={filter} onSelect={select} />}
      <FrameFilterChip frame={frame} what={siteTrends.length > 0 ? 'Sites, site changes and site trends' : 'Sites and site changes'} onClear={clear} />
      <SitesTable key={report.file} sites={sites} siteCount={frame === undefined ? report.siteCount : sites.length} emptyText={frame === undefined ? undefined : 'No listed site has this frame on its stack.'} />
      {comparisons.length > 0 && (
        <>
          <h3>Before and after</h3>
          {comparisons.map((c) => (
            <ComparisonView key={`${c.before}→${c.after}`} comparison={c} frame={frame} />
          ))}
        </>
      )}
      {siteTrends.map((t) => (
        <SiteTrends key={`${t.tool}:${t.captures[0]}`} trends={t} frame={frame} />
      ))}
    </>
  );
}

/**
 * Native leak reports and allocation logs of a case: one report at a time (tool, completeness,
 * totals, sites with their stacks, the ownership cycle, growth), the trends per site over three or
 * more captures of one process, then the run comparisons.
 */
export function AllocPanel({ view, findings, baselineFlames = [] }: { view: AllocView; findings: readonly Finding[]; baselineFlames?: readonly FlameGraph[] }) {
  const { current: report, picker } = useFilePicker(view.reports, 'Report');
  if (!report) return <p>No leak report or allocation log in this case.</p>;
  return (
    <section className="alloc-panel" aria-label="Native allocations and leaks">
      {picker}
      <ReportDetail key={report.file} report={report} findings={findings} comparisons={view.comparisons} siteTrends={view.siteTrends ?? []} baselineFlame={baselineFlames.find((f) => f.diff?.after === report.file)} />
    </section>
  );
}
