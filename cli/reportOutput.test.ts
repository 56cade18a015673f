import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult } from '../analyzers/case/caseResult';
import { analyze, heapSnapshots } from '../analyzers/report/tests/caseFixtures';
import { formatBytes } from '../analyzers/core/byteFormat';
import { RETAINED_ON_DEMAND } from '../analyzers/report/heapSummaryMarkdown';
import { renderExport } from '../analyzers/report/renderExport';
import { writeReports } from './reportOutput';

let result: CaseResult;
beforeAll(async () => {
  result = await analyze(heapSnapshots());
});

describe('writeReports', () => {
  it('writes report.md, report.html and report.json of the RCA report', async () => {
    const out = mkdtempSync(join(tmpdir(), 'aftermath-report-'));
    const written = await writeReports(result, ['md', 'html', 'json'], out);
    expect(written.map((p) => p.slice(out.length + 1))).toEqual(['report.md', 'report.html', 'report.json']);
    expect(readdirSync(out).sort()).toEqual(['report.html', 'report.json', 'report.md']);
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { schemaVersion: number; rootCauses: { chain: string }[] };
    expect(json.schemaVersion).toBe(1);
    expect(json.rootCauses[0].chain).toBe('memory-leak');
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/^# Post-mortem: memory leak/);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  describe('without Chromium', () => {
    const saved = process.env.AFTERMATH_CHROMIUM;
    afterEach(() => {
      if (saved === undefined) delete process.env.AFTERMATH_CHROMIUM;
      else process.env.AFTERMATH_CHROMIUM = saved;
    });

    it('writes the other formats first, then fails naming the missing binary and the fix', async () => {
      process.env.AFTERMATH_CHROMIUM = '/nonexistent/chromium';
      const out = mkdtempSync(join(tmpdir(), 'aftermath-report-'));
      await expect(writeReports(result, ['pdf', 'md'], out)).rejects.toThrow(/\/nonexistent\/chromium is missing: install it .*apt-get install -y chromium.*AFTERMATH_CHROMIUM/);
      expect(readdirSync(out)).toEqual(['report.md']);
    });
  });
});

describe('renderExport (what the UI export buttons have rendered)', () => {
  it('exports the heap summary by constructor, with the largest objects of the top classes and their retainers', async () => {
    const r = await renderExport(result, { format: 'md', content: 'heap-summary' });
    expect(r.fileName).toBe('post-mortem-memory-leak-heap-summary.md');
    expect(String(r.data)).toMatch(/^# Heap summary by constructor/);
    // The top class's largest object in the last snapshot (the one indexed), with the path that retains it, as the Heap tab lists it.
    const { snapshots } = result.views.heap!;
    const top = snapshots[snapshots.length - 1].largestObjects![0].objects[0];
    const line = String(r.data).split('\n').find((l) => l.startsWith('- **') && l.includes(`@${top.id}**`));
    expect(line).toContain(`retains ${formatBytes(top.retainedBytes)} (self ${formatBytes(top.selfBytes)}): `);
    // The path: from a global, step by step, to the object itself.
    expect(line).toMatch(new RegExp(`^- \\*\\*.*: global @\\d+ → .* → .*@${top.id}$`));
    // The earlier snapshots of the set: no retained sizes, and the export says why.
    expect(snapshots[0].largestObjects).toBeUndefined();
    expect(String(r.data)).toContain(RETAINED_ON_DEMAND);
  });

  // Malformed edits never get here: the hosts refuse them with parseExportRequest (injection.test.ts).
  it('applies the edits sent with a report export', async () => {
    const r = await renderExport(result, { format: 'json', content: 'report', edits: { title: 'Guild leak', actionItems: [{ text: 'fix', owner: 'ana', priority: 'P1' }] } });
    const report = JSON.parse(String(r.data)) as { title: string; actionItems: { owner: string }[]; edited: string[] };
    expect(report.title).toBe('Guild leak');
    expect(report.actionItems.map((a) => a.owner)).toEqual(['ana']);
    expect(report.edited).toEqual(['title', 'actionItems']);
  });
});
