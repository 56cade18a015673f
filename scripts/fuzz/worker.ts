import { runCase } from '../../analyzers/pipeline/runCase';
import { renderExport } from '../../analyzers/report/renderExport';
import { scriptIn, type AnalysisReport } from './outcome';

/**
 * The fuzz run's analysis process: one input per message, through the same pipeline as the app,
 * then every Markdown and HTML export (the report; the heap summary when there is a heap). The parent kills and replaces it on a hang or runaway memory.
 */
process.on('message', (message: { id: number; path: string }) => {
  void analyze(message.path).then(
    (report) => process.send?.({ id: message.id, report }),
    (e: unknown) => process.send?.({ id: message.id, thrown: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }),
  );
});

async function analyze(path: string): Promise<AnalysisReport> {
  const started = Date.now();
  const result = await runCase([path], {
    onProgress: () => {},
    signal: new AbortController().signal,
    options: { anchorDate: '2026-03-14' },
  });
  const report: AnalysisReport = {
    failures: result.failures.map((f) => f.message),
    complete: result.inputs.every((i) => i.complete),
    notices: result.inputs.flatMap((i) => i.notices.map((n) => n.message)),
    findings: result.findings.map((f) => `${f.id} ${f.severity} ${f.title}`),
    scriptInOutput: [],
    ms: 0,
  };
  // Every HTML and Markdown export, failures or not (a failed file's name and message are in the report too).
  const contents = result.views.heap ? (['report', 'heap-summary'] as const) : (['report'] as const);
  for (const content of contents) {
    const html = await renderExport(result, { format: 'html', content });
    const md = await renderExport(result, { format: 'md', content });
    report.scriptInOutput.push(...scriptIn(String(html.data), String(md.data)).map((hit) => `${content}: ${hit}`));
  }
  report.ms = Date.now() - started;
  return report;
}
