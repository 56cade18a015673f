import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCaseOptions } from '../analyzers/ingest/caseOptions';
import { analyzeFiles } from './analyzeCommand';
import { printSummary } from './printSummary';
import { parseReportFormats, writeReports } from './reportOutput';

const SAMPLES = join(__dirname, '..', 'samples');

/** One bundled incident: its name and the evidence files (relative to samples/) that make the case. */
interface DemoCase {
  name: string;
  title: string;
  files: string[];
  /** What the evidence cannot say (the chat timeline's day, the memory limit), as a user would set it. */
  options: unknown;
}

/** `npm run demo`: every seed incident in samples/ analyzed as its own case, one report each. */
export async function runDemoCommand(options: { out?: string; format?: string }): Promise<number> {
  const outRoot = resolve(options.out ?? 'aftermath-demo');
  const formats = parseReportFormats(options.format);
  const cases = JSON.parse(readFileSync(join(SAMPLES, 'demo-cases.json'), 'utf8')) as DemoCase[];
  let exitCode = 0;
  for (const demo of cases) {
    process.stdout.write(`\n## ${demo.title}\n`);
    const options = parseCaseOptions(demo.options);
    if ('error' in options) throw new Error(`samples/demo-cases.json, case '${demo.name}': ${options.error}`);
    const result = await analyzeFiles(
      demo.files.map((f) => join(SAMPLES, f)),
      false,
      options.options,
    );
    if (!result) {
      exitCode = 2;
      continue;
    }
    printSummary(result, process.stdout);
    for (const f of result.failures) process.stderr.write(`aftermath: ${f.message}\n`);
    if (result.failures.length) exitCode = 2;
    const written = await writeReports(result, formats, join(outRoot, demo.name));
    process.stdout.write(`Report written to ${written.join(', ')}\n`);
  }
  process.stdout.write(`\nAll demo reports are in ${outRoot}\n`);
  return exitCode;
}
