import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AftermathApi } from '../../../../analyzers/app/api/appApi';
import type { CaseResult } from '../../../../analyzers/case/caseResult';
import { buildReport } from '../../../../analyzers/report/buildReport';
import { escapeHtml } from '../../../../analyzers/report/htmlText';
import { analyze, heapSnapshots } from '../../../../analyzers/report/tests/caseFixtures';
import { evilCase, PAYLOADS } from '../../../../analyzers/report/tests/evilCase';
import { leakIncident } from '../../../../analyzers/report/tests/syntheticIncidents';
import { addActionItem, addWhy, removeActionItem, setActionItem, setNote, setWhy } from './reportEditing';
import { ReportPanel } from './ReportPanel';
import { stubApi } from './stubApi';

const api = (host: AftermathApi['host']): AftermathApi => stubApi(host, async () => ({ status: 'saved', name: 'report.md' }));

const render = (result: CaseResult, host: AftermathApi['host'] = 'browser') =>
  renderToStaticMarkup(createElement(ReportPanel, { result, api: api(host), jobId: 'job-1', editing: { edits: result.reportEdits ?? {}, setEdits: () => {}, markSaved: () => {} } }));

let heap: CaseResult;
beforeAll(async () => {
  heap = await analyze(heapSnapshots());
});

describe('ReportPanel', () => {
  it('shows the generated report of the real heap case, editable, with the four export buttons', () => {
    const report = buildReport(heap);
    const html = render(heap);
    expect(html).toContain(`value="${escapeHtml(report.title)}"`);
    expect(html).toContain(escapeHtml(report.rootCauses[0].finding.title));
    expect(html.match(/<textarea[^>]*aria-label="Why \d"/g)).toHaveLength(report.fiveWhys.length);
    expect(html.match(/aria-label="Owner of action \d+"/g)).toHaveLength(report.actionItems.length);
    for (const label of ['Markdown', 'HTML', 'JSON', 'PDF']) expect(html).toContain(`>Download ${label}</button>`);
    expect(render(heap, 'desktop')).toContain('>Save PDF</button>');
  });

  it('shows each appendix finding as the exports do: detail, evidence, paths, fix and sources', () => {
    const html = render(heap);
    const f = buildReport(heap).appendix.findings.find((x) => x.paths.length > 0 && x.suggestedFix)!;
    expect(html).toContain(escapeHtml(f.detail));
    expect(html).toContain(`aria-label="${escapeHtml(f.paths[0].label)}"`);
    expect(html).toContain(escapeHtml(f.suggestedFix));
    expect(html).toContain(`From ${escapeHtml(f.sources.join(', '))}`);
  });

  it('draws the timeline charts as SVG with a line per metric', () => {
    const c = leakIncident(heap.findings);
    const html = render(c);
    const paths = [...html.matchAll(/<path d="([^"]*)"/g)].map((m) => m[1]);
    expect(paths).toHaveLength(c.views.timeline?.series.length ?? -1);
    for (const d of paths) expect(d.split('L').length).toBeGreaterThan(10);
    expect(html).toContain('aria-label="Note for');
  });

  it('renders crafted names as text only', () => {
    const html = render(evilCase());
    expect(html).not.toMatch(/<script|<img|<iframe|\shref=/i);
    expect(html).toContain(escapeHtml(PAYLOADS[0]));
    for (const tag of html.match(/<[a-zA-Z][^>]*>/g) ?? []) expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\son\w+=/i);
  });
});

describe('report editing', () => {
  const c = leakIncident();
  const report = buildReport(c);

  it('copies the generated whys on the first change, then edits one answer', () => {
    const edits = setWhy(report, {}, 1, 'because of the friends list');
    expect(edits.fiveWhys).toEqual(report.fiveWhys.map((w, i) => (i === 1 ? 'because of the friends list' : w.answer)));
    const added = addWhy(buildReport(c, edits), edits);
    expect(added.fiveWhys).toHaveLength(report.fiveWhys.length + 1);
    expect(buildReport(c, added).fiveWhys[report.fiveWhys.length]).toEqual({ question: 'Why?', answer: '' });
  });

  it('edits, adds and removes action items over the generated ones', () => {
    let edits = setActionItem(report, {}, 0, { owner: 'ana', priority: 'P0' });
    expect(edits.actionItems?.[0]).toEqual({ text: report.actionItems[0].text, owner: 'ana', priority: 'P0' });
    expect(edits.actionItems).toHaveLength(report.actionItems.length);
    edits = addActionItem(buildReport(c, edits), edits);
    expect(edits.actionItems?.at(-1)).toEqual({ text: '', owner: '', priority: 'P2' });
    edits = removeActionItem(buildReport(c, edits), edits, 0);
    expect(buildReport(c, edits).actionItems.map((a) => a.owner)).not.toContain('ana');
  });

  it('keeps timeline notes by entry key', () => {
    const key = report.timeline[2].key;
    const edits = setNote(setNote({}, key, 'first'), key, 'rolled back');
    expect(buildReport(c, edits).timeline.find((e) => e.key === key)?.note).toBe('rolled back');
  });
});
