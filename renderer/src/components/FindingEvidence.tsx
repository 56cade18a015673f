import type { Finding } from '../../../analyzers/core/finding';
import { formatEvidence } from '../../../analyzers/report/reportFormat';
import { StepPath } from './StepPath';
import { IdLinks } from './IdLinks';
import { formatUtc } from '../../../analyzers/core/timeFormat';

/**
 * A finding's proof, as text: what it means, its numbers (formatted as the report formats them),
 * the chains that show why, the fix and where it came from. Shared by every view that opens a finding.
 */
export function FindingEvidence({ finding }: { finding: Pick<Finding, 'detail' | 'window' | 'evidence' | 'paths' | 'suggestedFix' | 'sources'> }) {
  return (
    <div className="finding-evidence">
      <p>
        <IdLinks text={finding.detail} />
      </p>
      {finding.window && (
        <p className="muted">
          {formatUtc(finding.window.startMs)}
          {finding.window.endMs !== undefined && ` → ${formatUtc(finding.window.endMs)}`}
        </p>
      )}
      {finding.evidence.length > 0 && (
        <dl className="evidence">
          {finding.evidence.map((e, i) => (
            <div key={i}>
              <dt>{e.label}</dt>
              <dd>
                <IdLinks text={formatEvidence(e)} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      {finding.paths.map((p, i) => (
        <StepPath key={i} label={p.label} steps={p.steps} />
      ))}
      {finding.suggestedFix && (
        <p>
          <strong>Suggested fix:</strong> {finding.suggestedFix}
        </p>
      )}
      <p className="muted">From {finding.sources.join(', ')}</p>
    </div>
  );
}
