import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { compareCases } from '../analyzers/gate/compareCases';
import type { GateResult, GateSettings } from '../analyzers/case/saved/regression';
import { DEFAULT_ALPHA, DEFAULT_LIMITS, parseGateConfig, parseLimitList } from '../analyzers/gate/limits';
import { gateAnnotations, gateStepSummary } from '../analyzers/report/githubActions';
import { gateJUnit } from '../analyzers/report/junitXml';
import { regressionSection } from '../analyzers/report/regressionSection';
import { STATUS_WORDS } from '../analyzers/report/reportFormat';
import { hostFor } from './analysisHost';
import { analyzeIn, caseOptionsFromFlags } from './analyzeCommand';
import { writeCiOutput } from './ciOutput';
import { parseReportFormats, writeReports } from './reportOutput';
import { UsageError } from './usageError';

interface GateArgs {
  baseline: string[];
  candidate: string[];
  flags: string[];
}

/**
 * `--baseline a b c --candidate d e f [flags]`: each side takes the words after it up to the next
 * flag, so a shell glob fills it (parseArgs takes one value per flag).
 */
export function splitGateArgs(argv: readonly string[]): GateArgs {
  const out: GateArgs = { baseline: [], candidate: [], flags: [] };
  let side: 'baseline' | 'candidate' | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--baseline' || a === '--candidate') {
      side = a === '--baseline' ? 'baseline' : 'candidate';
      continue;
    }
    if (a.startsWith('-')) {
      side = undefined;
      out.flags.push(a);
      continue;
    }
    if (side) out[side].push(a);
    else out.flags.push(a);
  }
  return out;
}

async function settingsFrom(flags: { config?: string; 'max-regression'?: string }): Promise<GateSettings> {
  let settings: GateSettings = { limits: DEFAULT_LIMITS, alpha: DEFAULT_ALPHA };
  if (flags.config) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(resolve(flags.config), 'utf8'));
    } catch (e) {
      throw new UsageError(`--config ${flags.config}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const parsed = parseGateConfig(json);
    if ('error' in parsed) throw new UsageError(`--config ${flags.config}: ${parsed.error}`);
    settings = parsed.settings;
  }
  if (flags['max-regression'] !== undefined) {
    const parsed = parseLimitList(flags['max-regression'], settings.limits);
    if ('error' in parsed) throw new UsageError(`--max-regression: ${parsed.error}`);
    settings = { ...settings, limits: parsed.limits };
  }
  return settings;
}

function printGate(gate: GateResult, out: NodeJS.WritableStream): void {
  const section = regressionSection(gate);
  out.write(`gate: ${gate.verdict === 'fail' ? 'FAIL' : 'PASS'} — ${section.rows.filter((r) => r.status === 'regressed').length} of ${section.rows.length} figures regressed\n`);
  out.write(`${gate.testDescription}\n`);
  for (const r of section.rows) out.write(`  ${STATUS_WORDS[r.status].padEnd(12)} ${r.label}: ${r.reason}\n`);
}

/**
 * `aftermath gate`: analyzes the baseline and the candidate as two cases (evidence files, or one saved
 * case each) with the same options, compares every figure both have, and exits 1 when one regressed
 * past its limit beyond the runs' spread. Nothing comparable is a usage error (2): a gate that
 * compared nothing must not pass.
 */
export async function runGateCommand(argv: readonly string[]): Promise<number> {
  const split = splitGateArgs(argv);
  const { values, positionals } = parseArgs({
    args: split.flags,
    allowPositionals: true,
    options: {
      'max-regression': { type: 'string' },
      config: { type: 'string' },
      junit: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      'anchor-date': { type: 'string' },
      'memory-limit': { type: 'string' },
      thresholds: { type: 'string' },
    },
  });
  if (positionals.length) throw new UsageError(`gate: '${positionals[0]}' belongs to neither --baseline nor --candidate`);
  if (!split.baseline.length || !split.candidate.length) throw new UsageError('gate needs --baseline <files…> and --candidate <files…>');
  const settings = await settingsFrom(values);
  const formats = values.out === undefined ? [] : parseReportFormats(values.format);
  const caseOptions = caseOptionsFromFlags(values);
  const quiet = values.quiet ?? false;

  const host = await hostFor([...split.baseline, ...split.candidate]);
  try {
    const baseline = await analyzeIn(host, split.baseline, quiet, caseOptions);
    if (!baseline) return 2;
    const candidate = await analyzeIn(host, split.candidate, quiet, caseOptions);
    if (!candidate) return 2;
    const failures = [...baseline.failures.map((f) => `baseline: ${f.message}`), ...candidate.failures.map((f) => `candidate: ${f.message}`)];
    for (const f of failures) process.stderr.write(`aftermath: ${f}\n`);
    if (failures.length) return 2;

    const gate = compareCases(baseline, candidate, settings);
    if (gate.figures.length === 0) {
      process.stderr.write('aftermath: gate: the baseline and the candidate have no figure in common (load tests of the same tool, metric series of the same name, comparable lock captures, allocation reports of the same tool, heap snapshots)\n');
      return 2;
    }
    if (!quiet) printGate(gate, process.stdout);
    await writeCiOutput({ junitFile: values.junit, junit: () => gateJUnit(gate), annotations: () => gateAnnotations(gate), stepSummary: () => gateStepSummary(gate) });
    if (values.out !== undefined) {
      const withGate = { ...candidate, views: { ...candidate.views, regression: gate } };
      const written = await writeReports(withGate, formats, resolve(values.out));
      if (!quiet) for (const w of written) process.stdout.write(`report: ${w}\n`);
    }
    return gate.verdict === 'fail' ? 1 : 0;
  } finally {
    host.dispose();
  }
}
