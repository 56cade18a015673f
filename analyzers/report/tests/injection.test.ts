import { describe, expect, it } from 'vitest';
import { buildReport } from '../buildReport';
import { htmlReport } from '../htmlReport';
import { escapeHtml } from '../htmlText';
import { markdownReport } from '../markdownReport';
import { parseExportRequest } from '../../app/api/parseExportRequest';
import { evilCase, evilEdits, PAYLOADS } from './evilCase';

function report() {
  const c = evilCase();
  const generated = buildReport(c);
  return buildReport(c, evilEdits(generated.timeline[0].key));
}

/** Every tag of the document with its quoted attribute values blanked: what is left is markup we wrote. */
function tagsWithoutValues(html: string): string[] {
  return (html.match(/<[a-zA-Z!/][^>]*>/g) ?? []).map((t) => t.replace(/"[^"]*"/g, '""'));
}

describe('HTML report with crafted names, frames, event titles and edits', () => {
  const r = report();
  const html = htmlReport(r);

  it('shows every payload as text', () => {
    for (const p of PAYLOADS) expect(html).toContain(escapeHtml(p.split('\n')[0]));
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('contains no element, attribute or URL that a payload created', () => {
    expect(html).not.toMatch(/<script|<img|<iframe|<!--|<link/i);
    for (const tag of tagsWithoutValues(html)) {
      expect(tag).not.toMatch(/\son\w+\s*=|javascript:|\ssrc\s*=/i);
    }
    for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^#f-[\w.~-]+$/);
    for (const m of html.matchAll(/\sid="([^"]*)"/g)) expect(m[1]).toMatch(/^f-[\w.~-]+$/);
  });

  it('keeps the document structure: one svg close per open, tables balanced, one body', () => {
    expect((html.match(/<svg/g) ?? []).length).toBe((html.match(/<\/svg>/g) ?? []).length);
    expect((html.match(/<svg/g) ?? []).length).toBe(r.charts?.charts.length);
    expect((html.match(/<table>/g) ?? []).length).toBe((html.match(/<\/table>/g) ?? []).length);
    expect(html.match(/<body>/g)).toHaveLength(1);
    expect(html.match(/<\/html>/g)).toHaveLength(1);
  });
});

describe('Markdown report with crafted names', () => {
  const md = markdownReport(report());
  const lines = md.split('\n');

  it('creates no link, image, HTML tag or heading from input text', () => {
    expect(md).not.toContain('<');
    expect(md).not.toMatch(/(?<!\\)\]\(/);
    expect(lines.some((l) => /^#+ Injected/.test(l))).toBe(false);
    expect(md).toContain('&lt;script&gt;');
  });

  it('keeps every table row to its header width', () => {
    const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    let header = 0;
    for (const l of lines) {
      if (!l.startsWith('|')) {
        header = 0;
        continue;
      }
      if (header === 0) header = cells(l);
      else expect(cells(l), l).toBe(header);
    }
  });
});

describe('edits from the UI (untrusted over HTTP and IPC)', () => {
  it('are refused at the boundary when malformed, naming what is wrong', () => {
    const request = (edits: unknown) => parseExportRequest({ jobId: 'job-1', format: 'html', content: 'report', edits });
    expect(request('x')).toEqual({ error: 'edits must be an object' });
    expect(request({ title: 5 })).toEqual({ error: 'edits.title must be a string' });
    expect(request({ fiveWhys: ['a', 3] })).toEqual({ error: 'edits.fiveWhys must be a list of strings' });
    expect(request({ actionItems: [{ text: 't', owner: 1, priority: 'P1' }] })).toEqual({ error: 'each action item needs text, owner and priority strings' });
    expect(request({ timelineNotes: { a: 'n', b: {} } })).toEqual({ error: 'edits.timelineNotes must map ids to strings' });
    expect(request({ extra: 1 })).toEqual({ error: "edits has an unknown field 'extra'" });
    expect(request({ title: 'x'.repeat(100_001) })).toEqual({ error: 'edits.title must be a string' });
    expect(request({ summary: 's', fiveWhys: ['a'] })).toEqual({ request: { jobId: 'job-1', format: 'html', content: 'report', edits: { summary: 's', fiveWhys: ['a'] } } });
  });
});
