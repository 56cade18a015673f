import type { AllocReportView, AllocView } from '../../../../analyzers/case/saved/allocView';
import type { Finding } from '../../../../analyzers/core/finding';
import { isFromAnalysis } from '../../../../analyzers/report/analysisIds';
import { FindingLines } from '../../components/FindingLines';
import { ComparisonView } from './ComparisonView';
import { CycleBox } from './CycleBox';
import { GrowthChart } from './GrowthChart';
import { ReportSummary } from './ReportSummary';
import { SitesTable } from './SitesTable';
import { SiteTrends } from './SiteTrends';
import './allocPanel.css';
import { useFilePicker } from '../../components/useFilePicker';

function ReportDetail({ report, findings }: { report: AllocReportView; findings: readonly Finding[] }) {
  const own = findings.filter((f) => f.sources.includes(report.file) && !isFromAnalysis(f, 'alloc.compare-runs') && !isFromAnalysis(f, 'alloc.site-trends'));
  const cycleFix = own.find((f) => f.category === 'circular-reference')?.suggestedFix;
  return (
    <>
      <ReportSummary report={report} />
      <FindingLines label="Findings for this file" findings={own} />
      {report.cycle && <CycleBox cycle={report.cycle} fix={cycleFix} />}
      {report.growth && <GrowthChart growth={report.growth} />}
      <SitesTable key={report.file} sites={report.sites} siteCount={report.siteCount} />
    </>
  );
}

/**
 * Native leak reports and allocation logs of a case: one report at a time (tool, completeness,
 * totals, sites with their stacks, the ownership cycle, growth), the trends per site over three or
 * more captures of one process, then the run comparisons.
 */
export function AllocPanel({ view, findings }: { view: AllocView; findings: readonly Finding[] }) {
  const { current: report, picker } = useFilePicker(view.reports, 'Report');
  if (!report) return <p>No leak report or allocation log in this case.</p>;
  return (
    <section className="alloc-panel" aria-label="Native allocations and leaks">
      {picker}
      <ReportDetail report={report} findings={findings} />
      {view.siteTrends?.map((t) => (
        <SiteTrends key={`${t.tool}:${t.captures[0]}`} trends={t} />
      ))}
      {view.comparisons.length > 0 && (
        <>
          <h3>Before and after</h3>
          {view.comparisons.map((c) => (
            <ComparisonView key={`${c.before}→${c.after}`} comparison={c} />
          ))}
        </>
      )}
    </section>
  );
}
