import { basename, extname } from 'node:path';
import type { ExportFormat, ExportOutcome, ExportRequest } from '../../analyzers/app/appApi';
import type { CaseResult } from '../../analyzers/ingest/caseResult';
import type { RenderedExport } from '../../cli/reportOutput';

/** The I/O an export needs, passed in so the decision logic is testable without Electron. */
export interface ExportDeps {
  render(result: CaseResult, request: ExportRequest): Promise<RenderedExport>;
  /** Prints self-contained HTML to PDF (a hidden, sandboxed, script-less window). */
  printPdf(html: string): Promise<Uint8Array>;
  /** The save dialog; undefined when the user cancels. */
  chooseSavePath(suggestedName: string, format: ExportFormat): Promise<string | undefined>;
  write(path: string, data: string | Uint8Array): Promise<void>;
}

/**
 * Renders what was asked, lets the user choose where it goes, and writes it. PDF is the HTML report
 * printed by Chromium, so the PDF and the HTML export never differ in content.
 */
export async function exportCase(result: CaseResult, request: ExportRequest, deps: ExportDeps): Promise<ExportOutcome> {
  try {
    const rendered = request.format === 'pdf' ? await renderPdf(result, request, deps) : await deps.render(result, request);
    const chosen = await deps.chooseSavePath(rendered.fileName, request.format);
    if (!chosen) return { status: 'cancelled' };
    const path = extname(chosen) ? chosen : `${chosen}${extname(rendered.fileName)}`;
    await deps.write(path, rendered.data);
    return { status: 'saved', name: basename(path) };
  } catch (e) {
    return { status: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

async function renderPdf(result: CaseResult, request: ExportRequest, deps: ExportDeps): Promise<RenderedExport> {
  const html = await deps.render(result, { ...request, format: 'html' });
  if (!html.mime.startsWith('text/html') || typeof html.data !== 'string') {
    throw new Error(`PDF export needs an HTML rendering of the ${request.content === 'report' ? 'report' : 'heap summary'}, and there is none yet`);
  }
  return {
    data: await deps.printPdf(html.data),
    mime: 'application/pdf',
    fileName: `${basename(html.fileName, extname(html.fileName))}.pdf`,
  };
}
