import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { USAGE } from './usage';
import { runAnalyzeCommand } from './analyzeCommand';
import { runQueryCommand } from './queryCommand';
import { runServeCommand } from './serveCommand';
import { runDemoCommand } from './demoCommand';
import { runGateCommand } from './gateCommand';
import { UsageError } from './usageError';

async function main(argv: string[]): Promise<number> {
  // The gate's --baseline and --candidate take several files each, which parseArgs cannot express.
  if (argv[0] === 'gate' && !argv.includes('--help') && !argv.includes('-h')) return runGateCommand(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      port: { type: 'string' },
      'anchor-date': { type: 'string' },
      'boot-time': { type: 'string' },
      'memory-limit': { type: 'string' },
      thresholds: { type: 'string' },
      'max-line-size': { type: 'string' },
      'max-inflate-ratio': { type: 'string' },
      'source-maps': { type: 'string', multiple: true },
      sql: { type: 'string' },
      output: { type: 'string' },
      junit: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  if (values.version) {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const [command, ...files] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  switch (command) {
    case 'analyze':
      return runAnalyzeCommand(files, values);
    case 'query':
      return runQueryCommand(files, values);
    case 'serve':
      return runServeCommand(files, values);
    case 'demo':
      return runDemoCommand(values);
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const usage = e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'));
    process.stderr.write(`aftermath: ${e instanceof Error ? e.message : String(e)}\n`);
    if (usage) process.stderr.write(`Run 'aftermath --help' for usage.\n`);
    process.exitCode = 2;
  },
);
