import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaseResult } from '../../analyzers/case/caseResult';
import { runCase } from '../../analyzers/pipeline/runCase';
import { writeFileAtomic } from '../../analyzers/report/writeFileAtomic';
import { renderExport, type RenderedExport } from '../../analyzers/report/renderExport';
import { exportCase, type ExportDeps } from '../main/exportCase';
import type { ExportFormat } from '../../analyzers/report/exportFormats';

const SNAPSHOT = join(__dirname, '..', '..', 'samples', 'heap', 'game-1-baseline.heapsnapshot.gz');

let result: CaseResult;
let dir: string;
beforeAll(async () => {
  result = await runCase([SNAPSHOT], { onProgress: () => undefined, signal: new AbortController().signal });
  dir = await mkdtemp(join(tmpdir(), 'aftermath-export-'));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

function deps(overrides: Partial<ExportDeps>): ExportDeps {
  return {
    render: (_jobId, result, request) => renderExport(result, request),
    printPdf: async () => {
      throw new Error('not expected');
    },
    chooseSavePath: async () => undefined,
    write: writeFileAtomic,
    ...overrides,
  };
}

describe('export from the desktop app', () => {
  it('writes what the shared renderer produces where the user chose, adding the extension the dialog left off', async () => {
    const chooseSavePath = vi.fn(async (_name: string, _format: ExportFormat) => join(dir, 'summary'));
    const request = { jobId: 'job-1', format: 'md', content: 'heap-summary' } as const;
    const outcome = await exportCase(result, request, deps({ chooseSavePath }));
    expect(outcome).toEqual({ status: 'saved', name: 'summary.md' });
    const expected = await renderExport(result, request);
    // The dialog suggests the name the case's title gives the summary.
    expect(expected.fileName).toMatch(/^[a-z0-9-]+-heap-summary\.md$/);
    expect(chooseSavePath).toHaveBeenCalledWith(expected.fileName, 'md');
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toBe(expected.data);
    // Written through a temporary file that is gone afterwards.
    expect(await readdir(dir)).toEqual(['summary.md']);
  });

  it('writes nothing when the user cancels the save dialog', async () => {
    const write = vi.fn(writeFileAtomic);
    expect(await exportCase(result, { jobId: 'job-1', format: 'json', content: 'report' }, deps({ write }))).toEqual({ status: 'cancelled' });
    expect(write).not.toHaveBeenCalled();
  });

  it('prints the HTML rendering for PDF, so PDF and HTML never differ in content', async () => {
    const html: RenderedExport = { data: '<!doctype html><title>r</title><p>report', mime: 'text/html; charset=utf-8', fileName: 'report.html' };
    const render = vi.fn(async () => html);
    const pdfBytes = new TextEncoder().encode('%PDF-1.7 fake');
    const printPdf = vi.fn(async () => pdfBytes);
    const write = vi.fn(async () => undefined);
    const outcome = await exportCase(
      result,
      { jobId: 'job-1', format: 'pdf', content: 'report', edits: { title: 'T' } },
      deps({ render, printPdf, write, chooseSavePath: async (name) => join(dir, name) }),
    );
    expect(outcome).toEqual({ status: 'saved', name: 'report.pdf' });
    expect(render).toHaveBeenCalledWith('job-1', result, { jobId: 'job-1', format: 'html', content: 'report', edits: { title: 'T' } });
    expect(printPdf).toHaveBeenCalledWith(html.data);
    expect(write).toHaveBeenCalledWith(join(dir, 'report.pdf'), pdfBytes);
  });

  it('answers with an error outcome, not a rejection, when rendering or writing fails', async () => {
    const noHeap = { ...result, views: {} };
    const outcome = await exportCase(noHeap, { jobId: 'job-1', format: 'md', content: 'heap-summary' }, deps({ chooseSavePath: async () => join(dir, 'x.md') }));
    expect(outcome).toMatchObject({ status: 'error', message: expect.stringMatching(/heap snapshot/) });
    const unwritable = await exportCase(result, { jobId: 'job-1', format: 'md', content: 'heap-summary' }, deps({ chooseSavePath: async () => join(dir, 'missing-dir', 'x.md') }));
    expect(unwritable.status).toBe('error');
  });
});
