import { resolve } from 'node:path';
import { isSeverity, severityRank, type Severity } from '../analyzers/core/finding';
import type { CaseResult } from '../analyzers/case/caseResult';
import { parseByteSize, parseCaseOptions, parseThresholdList, type CaseOptions } from '../analyzers/ingest/caseOptions';
import { hostFor, type CliHost } from './analysisHost';
import { findingAnnotations, findingsStepSummary } from '../analyzers/report/githubActions';
import { findingsJUnit } from '../analyzers/report/junitXml';
import { writeCiOutput } from './ciOutput';
import { printSummary } from './printSummary';
import { parseReportFormats, writeReports } from './reportOutput';
import { UsageError } from './usageError';

export interface AnalyzeOptions {
  out?: string;
  format?: string;
  'fail-on'?: string;
  quiet?: boolean;
  'anchor-date'?: string;
  'boot-time'?: string;
  'memory-limit'?: string;
  thresholds?: string;
  junit?: string;
  'max-line-size'?: string;
  'max-inflate-ratio'?: string;
  'source-maps'?: string[];
}

/** The analysis options given as flags, validated like the ones that come over IPC or HTTP. */
export function caseOptionsFromFlags(flags: AnalyzeOptions): CaseOptions {
  const limit = flags['memory-limit'];
  const bytes = limit === undefined ? undefined : parseByteSize(limit);
  if (limit !== undefined && bytes === undefined) throw new UsageError(`--memory-limit takes a size like 8G or 512M (got '${limit}')`);
  const list = flags.thresholds === undefined ? undefined : parseThresholdList(flags.thresholds);
  if (list && 'error' in list) throw new UsageError(`--thresholds: ${list.error}`);
  const lineSize = flags['max-line-size'];
  const maxLineBytes = lineSize === undefined ? undefined : parseByteSize(lineSize);
  if (lineSize !== undefined && maxLineBytes === undefined) throw new UsageError(`--max-line-size takes a size like 64M (got '${lineSize}')`);
  const ratio = flags['max-inflate-ratio'];
  const maxInflateRatio = ratio === undefined ? undefined : Number(ratio);
  const parsed = parseCaseOptions({
    anchorDate: flags['anchor-date'],
    bootTime: flags['boot-time'],
    memoryLimitBytes: bytes,
    thresholds: list?.thresholds,
    maxLineBytes: maxLineBytes === undefined ? undefined : Math.round(maxLineBytes),
    maxInflateRatio,
    // Resolved here: the analysis runs in a child process whose working folder is not the user's.
    sourceMaps: flags['source-maps']?.map((p) => resolve(p)),
  });
  if ('error' in parsed) throw new UsageError(parsed.error);
  return parsed.options;
}

export async function runAnalyzeCommand(files: string[], options: AnalyzeOptions): Promise<number> {
  if (files.length === 0) throw new UsageError('analyze needs at least one file');
  const formats = parseReportFormats(options.format);
  const failOn = parseFailOn(options['fail-on']);
  const outDir = resolve(options.out ?? 'aftermath-report');

  const result = await analyzeFiles(files, options.quiet ?? false, caseOptionsFromFlags(options));
  if (result === undefined) return 2;
  if (!options.quiet) printSummary(result, process.stdout);
  for (const f of result.failures) process.stderr.write(`aftermath: ${f.message}\n`);
  if (result.failures.length > 0) return 2;

  const written = await writeReports(result, formats, outDir);
  if (!options.quiet) for (const w of written) process.stdout.write(`report: ${w}\n`);
  await writeCiOutput({ junitFile: options.junit, junit: () => findingsJUnit(result.findings, failOn), annotations: () => findingAnnotations(result.findings, failOn), stepSummary: () => findingsStepSummary(result.findings, failOn) });
  if (failOn !== undefined && result.findings.some((f) => severityRank(f.severity) >= severityRank(failOn))) return 1;
  return 0;
}

/** Runs one analysis job (`hostFor`: in this process or a child); undefined when it failed (the reason is printed). */
export async function analyzeFiles(files: string[], quiet: boolean, caseOptions: CaseOptions = {}): Promise<CaseResult | undefined> {
  const host = await hostFor(files);
  try {
    return await analyzeIn(host, files, quiet, caseOptions);
  } finally {
    host.dispose();
  }
}

/** One analysis job in the given host, with progress on a terminal and Ctrl+C to cancel. */
export async function analyzeIn(host: CliHost, files: string[], quiet: boolean, caseOptions: CaseOptions = {}): Promise<CaseResult | undefined> {
  const showProgress = !quiet && process.stderr.isTTY;
  const jobId = host.start(files.map((f) => resolve(f)), caseOptions);
  const cancel = () => host.cancel(jobId);
  process.once('SIGINT', cancel);
  const end = await host.waitFor(jobId, (e) => {
    // The case's percentage (every load and analysis), as the UI's bar shows it, not the step's own.
    if (showProgress) process.stderr.write(`\r${(e.progress.overallPercent ?? e.progress.percent).toFixed(0)}% ${e.progress.file}: ${e.progress.phase}\x1b[K`);
  });
  process.off('SIGINT', cancel);
  if (showProgress) process.stderr.write('\r\x1b[K');
  if (end.type === 'result') return end.result;
  process.stderr.write(`aftermath: ${end.type === 'error' ? end.message : 'cancelled'}\n`);
  return undefined;
}

function parseFailOn(value: string | undefined): Severity | undefined {
  if (value === undefined) return undefined;
  if (!isSeverity(value)) throw new UsageError(`--fail-on takes one of info, low, medium, high, critical (got '${value}')`);
  return value;
}
