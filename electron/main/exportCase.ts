import { basename, extname } from 'node:path';
import type { ExportOutcome, ExportRequest } from '../../analyzers/app/api/appApi';
import { renderExportWith } from '../../analyzers/app/node/exportRendering';
import type { CaseResult } from '../../analyzers/case/caseResult';
import type { DocumentExportRequest, RenderedExport } from '../../analyzers/report/renderExport';
import type { ExportFormat } from '../../analyzers/report/exportFormats';

/** The I/O an export needs, passed in so the decision logic is testable without Electron. */
export interface ExportDeps {
  /** Renders md, html, json, a case file or the heap summary in the export utility process (apart from queries and analyses), which keeps each job's case under its id. */
  render(jobId: string, result: CaseResult, request: DocumentExportRequest): Promise<RenderedExport>;
  /** Prints self-contained HTML to PDF (a hidden, sandboxed, script-less window). */
  printPdf: (html: string) => Promise<Uint8Array>;
  /** The save dialog; undefined when the user cancels. */
  chooseSavePath(suggestedName: string, format: ExportFormat): Promise<string | undefined>;
  write(path: string, data: string | Uint8Array): Promise<void>;
}

/** Renders what was asked, lets the user choose where it goes, and writes it. */
export async function exportCase(result: CaseResult, request: ExportRequest, deps: ExportDeps): Promise<ExportOutcome> {
  try {
    const rendered = await renderExportWith(request, { document: (r) => deps.render(request.jobId, result, r), printPdf: deps.printPdf });
    const chosen = await deps.chooseSavePath(rendered.fileName, request.format);
    if (!chosen) return { status: 'cancelled' };
    const path = extname(chosen) ? chosen : `${chosen}${extname(rendered.fileName)}`;
    await deps.write(path, rendered.data);
    return { status: 'saved', name: basename(path) };
  } catch (e) {
    return { status: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}
