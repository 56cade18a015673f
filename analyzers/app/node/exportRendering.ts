import { basename, extname } from 'node:path';
import type { DocumentExportRequest, RenderedExport } from '../../report/renderExport';
import type { ExportRequest } from '../api/appApi';
import type { RenderOutcome } from '../api/jobProtocol';

/** How a host renders: documents where it renders them (the desktop and `aftermath serve` in their export process, `aftermath analyze` in itself), PDF with its Chromium. */
export interface ExportRenderers {
  document(request: DocumentExportRequest): Promise<RenderedExport>;
  /** Self-contained HTML to PDF (the CLI's headless Chromium, the desktop's printToPDF). */
  printPdf(html: string): Promise<Uint8Array>;
}

/** An export in any format; PDF is the HTML rendering printed, so the two never differ in content. */
export async function renderExportWith(request: ExportRequest, renderers: ExportRenderers): Promise<RenderedExport> {
  if (request.format !== 'pdf') return renderers.document({ ...request, format: request.format });
  const html = await renderers.document({ ...request, format: 'html' });
  if (typeof html.data !== 'string' || !html.mime.startsWith('text/html')) {
    throw new Error(`PDF export needs an HTML rendering of the ${request.content === 'report' ? 'report' : 'heap summary'}, and there is none yet`);
  }
  return { data: await renderers.printPdf(html.data), mime: 'application/pdf', fileName: `${basename(html.fileName, extname(html.fileName))}.pdf` };
}

/** The rendered bytes of the export process's answer; its error becomes the export's error. */
export function renderedOrThrow(outcome: RenderOutcome): RenderedExport {
  if (outcome.status === 'error') throw new Error(outcome.message);
  return outcome.rendered;
}
