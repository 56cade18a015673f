import { useMemo, useState } from 'react';
import { SEVERITIES, type Finding, type Severity } from '../../../../analyzers/core/finding';
import { FindingEvidence } from '../../components/FindingEvidence';
import { formatCount, plural } from '../../format';
import { useRovingFocus } from '../../components/useRovingFocus';
import { capabilityOfFinding, filterFindings, groupFindings, type FindingFilter, type GroupBy, type ReportChains } from './findingGroups';

export interface FindingsViewState extends FindingFilter {
  groupBy: GroupBy;
}

export const INITIAL_FINDINGS_VIEW: FindingsViewState = { groupBy: 'problem', severities: new Set(), query: '' };

const CAPABILITY_NAMES: Record<string, string> = { heap: 'Heap', alloc: 'Native memory', locks: 'Locks', timeline: 'Timeline' };
const GROUPINGS: Record<GroupBy, string> = { problem: 'Problem (root cause)', category: 'Category', capability: 'Capability', none: 'Nothing (by severity)' };
const capabilityName = (id: string) => CAPABILITY_NAMES[id] ?? id;

interface Props {
  findings: readonly Finding[];
  /** The case's RCA report, whose root causes say which findings are one problem. */
  report: ReportChains;
  state: FindingsViewState;
  onState: (state: FindingsViewState) => void;
}

/**
 * Every finding of the case, grouped by the problem it is part of (as the RCA report groups them),
 * filterable by severity, capability and source file, and searchable; each opens on its evidence
 * and suggested fix. The filters are kept by the app, so they are still set after a tab switch.
 */
export function FindingsView({ findings, report, state, onState }: Props) {
  const capabilities = useMemo(() => [...new Set(findings.map(capabilityOfFinding))], [findings]);
  const sources = useMemo(() => [...new Set(findings.flatMap((f) => f.sources))].sort(), [findings]);
  const shown = useMemo(() => filterFindings(findings, state), [findings, state]);
  const groups = useMemo(() => groupFindings(findings, shown, state.groupBy, report), [findings, shown, state.groupBy, report]);
  // One Tab stop for the findings, arrows between them: Tab from a finding goes into its evidence, then past the list.
  const summaries = useRovingFocus<HTMLDivElement>('.findings > li > details > summary');
  if (findings.length === 0) return <p>No findings.</p>;
  const present = SEVERITIES.filter((s) => findings.some((f) => f.severity === s)).reverse();
  const toggle = (s: Severity) => {
    const next = new Set(state.severities);
    if (next.has(s)) next.delete(s);
    else next.add(s);
    onState({ ...state, severities: next });
  };

  return (
    <section className="findings-view" aria-label="Findings">
      <div className="findings-filters" role="search">
        <input type="search" aria-label="Search findings" placeholder="Search findings" value={state.query} onChange={(e) => onState({ ...state, query: e.target.value })} />
        <div role="group" aria-label="Severity" className="severity-toggles">
          {present.map((s) => (
            <button key={s} type="button" aria-pressed={state.severities.has(s)} className={`toggle sev-${s}`} onClick={() => toggle(s)}>
              <span className={`badge sev-${s}`}>{s}</span>
            </button>
          ))}
        </div>
        <label>
          Capability{' '}
          <select value={state.capability ?? ''} onChange={(e) => onState({ ...state, capability: e.target.value || undefined })}>
            <option value="">all</option>
            {capabilities.map((c) => (
              <option key={c} value={c}>
                {capabilityName(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Source{' '}
          <select value={state.source ?? ''} onChange={(e) => onState({ ...state, source: e.target.value || undefined })}>
            <option value="">all files</option>
            {sources.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Group by{' '}
          <select value={state.groupBy} onChange={(e) => onState({ ...state, groupBy: e.target.value as GroupBy })}>
            {(Object.keys(GROUPINGS) as GroupBy[]).map((g) => (
              <option key={g} value={g}>
                {GROUPINGS[g]}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" role="status">
          {shown.length === findings.length ? plural(findings.length, 'finding') : `${plural(shown.length, 'finding')} of ${formatCount(findings.length)}`}
        </span>
      </div>
      {groups.length === 0 && <p className="muted">No finding matches these filters.</p>}
      <div {...summaries}>
        {groups.map((g) => (
          <section key={g.key} className="finding-group" aria-label={g.label}>
            <h3>
              {state.groupBy === 'capability' ? capabilityName(g.label) : g.label} <span className="muted">({g.findings.length})</span>
            </h3>
            {g.note && <p className="muted">{g.note}</p>}
            <ol className="findings">
              {g.findings.map((f) => (
                <FindingItem key={f.id} finding={f} />
              ))}
            </ol>
          </section>
        ))}
      </div>
    </section>
  );
}

/**
 * A finding, its evidence drawn when first opened: a case's findings each carry tables and paths, and
 * drawing them all, closed, was most of the tab's first render.
 */
function FindingItem({ finding: f }: { finding: Finding }) {
  const [opened, setOpened] = useState(false);
  return (
    <li className={`finding sev-${f.severity}`}>
      <details onToggle={(e) => e.currentTarget.open && setOpened(true)}>
        <summary>
          <span className="badge">{f.severity}</span> {f.title} <span className="muted">· {capabilityName(capabilityOfFinding(f))}</span>
        </summary>
        {opened && <FindingEvidence finding={f} />}
      </details>
    </li>
  );
}
