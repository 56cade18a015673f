import { memo, useMemo, useState } from 'react';
import type { ReportEditsState } from '../../useReportEdits';
import { type AftermathApi, type JobId } from '../../../../analyzers/app/api/appApi';
import type { CaseResult } from '../../../../analyzers/case/caseResult';
import { buildReport } from '../../../../analyzers/report/buildReport';
import { formatEvidence, formatMetric } from '../../../../analyzers/report/reportFormat';
import { evidenceListed, impactWindowLabel, OOM_DEATHS } from '../../../../analyzers/report/reportModel';
import { ActionItemsEditor, FindingLabel, FiveWhysEditor, TimelineEditor } from './ReportEditors';
import { ReportChartSvg } from './ReportChartSvg';
import { RegressionTable } from './RegressionTable';
import { ReportFlames, ReportTrends } from './ReportEvidenceCharts';
import { FindingEvidence } from '../../components/FindingEvidence';
import './report.css';
import { formatBytes, formatDuration, plural } from '../../format';
import { formatIsoUtc, formatUtc } from '../../../../analyzers/core/timeFormat';
import { EXPORT_FORMATS, type ExportFormat, FORMAT_LABELS } from '../../../../analyzers/report/exportFormats';

const EXPORTS = EXPORT_FORMATS.map((format) => ({ format, label: FORMAT_LABELS[format] }));

/**
 * The RCA document of a case (analyzers/report/buildReport.ts), editable where the evidence cannot
 * speak: title, summary, five whys, action items, timeline notes. The edits travel with each export,
 * so the file matches the screen. All text is rendered as text.
 */
type Editing = Pick<ReportEditsState, 'edits' | 'setEdits' | 'markSaved'>;

interface Props {
  result: CaseResult;
  api: AftermathApi;
  jobId: JobId;
  editing: Editing;
}

// The app hands a new `editing` object on every render (a tab switch among them): what it holds decides.
const sameProps = (a: Props, b: Props) =>
  a.result === b.result && a.api === b.api && a.jobId === b.jobId && a.editing.edits === b.editing.edits && a.editing.setEdits === b.editing.setEdits && a.editing.markSaved === b.editing.markSaved;

export const ReportPanel = memo(function ReportPanel({ result, api, jobId, editing }: Props) {
  const { edits, setEdits, markSaved } = editing;
  const [status, setStatus] = useState<{ kind: 'busy' | 'ok' | 'error'; text: string }>();
  const report = useMemo(() => buildReport(result, edits), [result, edits]);
  const verb = api.host === 'desktop' ? 'Save' : 'Download';

  const exportAs = async (format: ExportFormat, label: string) => {
    setStatus({ kind: 'busy', text: `Exporting ${label}…` });
    try {
      const outcome = await api.exportReport({ jobId, format, content: 'report', edits });
      if (outcome.status === 'saved') {
        if (format === 'case') markSaved(edits);
        setStatus({ kind: 'ok', text: `Saved ${outcome.name}` });
      }
      else if (outcome.status === 'error') setStatus({ kind: 'error', text: `Export failed: ${outcome.message}` });
      else setStatus(undefined);
    } catch (e) {
      setStatus({ kind: 'error', text: `Export failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  };

  const { impact, detection, charts } = report;
  return (
    <article className="report" aria-label="RCA report">
      <div className="actions report-exports">
        {EXPORTS.map(({ format, label }) => (
          <button key={format} disabled={status?.kind === 'busy'} onClick={() => void exportAs(format, label)}>
            {verb} {label}
          </button>
        ))}
        {report.edited.length > 0 && <button onClick={() => setEdits({})}>Discard edits</button>}
        {status && (
          <span role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'report-error' : 'muted'}>
            {status.text}
          </span>
        )}
      </div>

      <input className="report-title" aria-label="Title" value={report.title} onChange={(e) => setEdits({ ...edits, title: e.target.value })} />
      <p className="muted">
        Status: draft · analyzed {formatIsoUtc(report.analyzedAt)} · report schema v{report.schemaVersion}
        {report.edited.length > 0 && ` · edited: ${report.edited.join(', ')}`}
      </p>

      <h2>Summary</h2>
      <textarea className="report-summary" aria-label="Summary" rows={4} value={report.summary} onChange={(e) => setEdits({ ...edits, summary: e.target.value })} />

      {report.regression && result.views.regression && <RegressionTable regression={report.regression} gate={result.views.regression} />}

      <h2>Impact</h2>
      <ul>
        {impact.window && (
          <li>
            {impactWindowLabel(impact)}: {formatUtc(impact.window.startMs)}
            {impact.window.durationMs > 0 && (
              <>
                {' '}
                → {formatUtc(impact.window.endMs)} (<strong>{formatDuration(impact.window.durationMs)}</strong>)
              </>
            )}
          </li>
        )}
        {impact.oomKills > 0 && (
          <li>
            {OOM_DEATHS}: {impact.oomKills}
          </li>
        )}
        {impact.keyNumbers.map((k, i) => (
          <li key={i}>
            {k.label}: <strong>{formatEvidence(k)}</strong>
          </li>
        ))}
        {impact.peaks.map((p) => (
          <li key={p.seriesId}>
            {p.name}: peak {formatMetric(p.max, p.unit)} at {formatUtc(p.maxAtMs)}, lowest {formatMetric(p.min, p.unit)}
          </li>
        ))}
      </ul>
      {charts && (
        <div className="report-charts">
          {charts.charts.map((c) => (
            <ReportChartSvg key={c.seriesId} chart={c} charts={charts} />
          ))}
        </div>
      )}
      {report.trends && <ReportTrends trends={report.trends} />}
      {report.flames && <ReportFlames flames={report.flames} />}

      <h2>Detection</h2>
      <ul>
        <li>{detection.firstAlert ? `First alert: ${detection.firstAlert.title} at ${formatUtc(detection.firstAlert.atMs)} (${detection.firstAlert.source})` : 'No alert in the evidence.'}</li>
        {detection.timeToDetectMs !== undefined && <li>Time to detect: {formatDuration(detection.timeToDetectMs)} after the impact began</li>}
        {detection.firstDetection && (
          <li>
            Aftermath detected it first at {formatUtc(detection.firstDetection.atMs)}: {detection.firstDetection.label}
          </li>
        )}
      </ul>

      <h2>Timeline</h2>
      <TimelineEditor report={report} edits={edits} onEdits={setEdits} />

      <h2>{report.rootCauses.length > 1 ? 'Root causes' : 'Root cause'}</h2>
      {report.rootCauses.length === 0 && <p>The evidence names no root cause.</p>}
      {report.rootCauses.map((c, i) => (
        <section key={c.finding.key} className="report-cause">
          <h3>
            {i + 1}. {c.label}
          </h3>
          <p>{c.statement}</p>
          <ul>
            {evidenceListed(c, report.contributingFactors).map((e) => (
              <li key={e.key}>
                <FindingLabel finding={e} />
              </li>
            ))}
          </ul>
        </section>
      ))}

      <h2>Contributing factors</h2>
      {report.contributingFactors.length === 0 ? (
        <p>None beyond the root cause.</p>
      ) : (
        <ul>
          {report.contributingFactors.map((f) => (
            <li key={f.finding.key}>
              <FindingLabel finding={f.finding} />
              {f.rootCauseKey && <span className="muted"> — part of the root cause chain</span>}
            </li>
          ))}
        </ul>
      )}

      {report.alsoFound.length > 0 && (
        <>
          <h2>Also found</h2>
          <p className="muted">Too small to have caused this incident; worth a ticket of its own.</p>
          <ul>
            {report.alsoFound.map((f) => (
              <li key={f.key}>
                <FindingLabel finding={f} />
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>Five whys</h2>
      <FiveWhysEditor report={report} edits={edits} onEdits={setEdits} />

      <h2>Action items</h2>
      <ActionItemsEditor report={report} edits={edits} onEdits={setEdits} />

      <details className="report-appendix">
        <summary>Appendix: raw numbers ({plural(report.appendix.findings.length, 'finding')}, {plural(report.appendix.inputs.length, 'input')})</summary>
        <ul>
          {report.appendix.inputs.map((i) => (
            <li key={i.file}>
              {i.file} — {i.format}, {formatBytes(i.sizeBytes)}{i.complete ? '' : ' (partial)'}
            </li>
          ))}
        </ul>
        {report.appendix.findings.map((f) => (
          <section key={f.key}>
            <h4>
              <FindingLabel finding={f} />
            </h4>
            <FindingEvidence finding={f} />
          </section>
        ))}
      </details>
    </article>
  );
}, sameProps);
