/**
 * `npm run fuzz`: a seeded corpus made from every fixture under samples/ (see mutations.ts),
 * each input analysed by a worker process the way `aftermath analyze` does, then classified
 * (outcome.ts). Ends with one line of counts by outcome; the details go to
 * test-artifacts/fuzz-results.json. Options: --seed N, --per-fixture N, --long-line-mb N,
 * --bomb-mb N, --timeout-s N, --rss-mb N.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCorpus } from './corpus';
import { BAD_OUTCOMES, classify, OUTCOMES, type AnalysisReport, type Outcome } from './outcome';

const root = join(__dirname, '..', '..');
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '15' },
    'per-fixture': { type: 'string', default: '4' },
    'long-line-mb': { type: 'string', default: '200' },
    'bomb-mb': { type: 'string', default: '2048' },
    'timeout-s': { type: 'string', default: '60' },
    'rss-mb': { type: 'string', default: '1536' },
  },
});
const seed = Number(values.seed);
const timeoutMs = Number(values['timeout-s']) * 1000;
const rssLimitBytes = Number(values['rss-mb']) * 2 ** 20;

type Reply = { id: number; report?: AnalysisReport; thrown?: string };

/** One worker process at a time, replaced when it hangs, dies or outgrows the memory limit. */
class Worker {
  private child: ChildProcess | undefined;
  private nextId = 0;

  async analyze(path: string): Promise<{ report?: AnalysisReport; thrown?: string; outcome?: Outcome; maxRssBytes: number }> {
    const child = (this.child ??= fork(join(__dirname, 'worker.ts'), {
      execArgv: ['--import', 'tsx', `--max-old-space-size=${Math.round(rssLimitBytes / 2 ** 20) + 512}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    }));
    const id = this.nextId++;
    let maxRssBytes = 0;
    return new Promise((resolve) => {
      const finish = (value: { report?: AnalysisReport; thrown?: string; outcome?: Outcome }) => {
        clearInterval(poll);
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve({ ...value, maxRssBytes });
      };
      const kill = (outcome: Outcome) => {
        this.child = undefined;
        child.kill('SIGKILL');
        finish({ outcome });
      };
      const onMessage = (m: Reply) => m.id === id && finish(m);
      const onExit = (code: number | null) => {
        this.child = undefined;
        finish({ outcome: code === 134 || code === null ? 'unbounded-memory' : 'crash', thrown: `worker exited with ${code}` });
      };
      const poll = setInterval(() => {
        const rss = rssOf(child.pid);
        maxRssBytes = Math.max(maxRssBytes, rss);
        if (rss > rssLimitBytes) kill('unbounded-memory');
      }, 200);
      const timer = setTimeout(() => kill('hang'), timeoutMs);
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send({ id, path });
    });
  }

  dispose(): void {
    this.child?.kill();
  }
}

function rssOf(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const { fixtures, inputs } = await buildCorpus({
    samples: join(root, 'samples'),
    dir: join(tmpdir(), `aftermath-fuzz-${seed}`),
    seed,
    perFixture: Number(values['per-fixture']),
    longLineBytes: Number(values['long-line-mb']) * 2 ** 20,
    bombBytes: Number(values['bomb-mb']) * 2 ** 20,
  });
  const worker = new Worker();
  const baseFindings = new Map<string, string[]>();
  for (const f of fixtures) {
    const { report } = await worker.analyze(f.path);
    if (report && !report.failures.length) baseFindings.set(f.name, report.findings);
    else process.stderr.write(`fixture ${f.name} is not evidence on its own; its variants only need a named error\n`);
  }

  const counts = new Map<Outcome, number>(OUTCOMES.map((o) => [o, 0]));
  const results: { input: string; outcome: Outcome; why: string; ms?: number; maxRssMiB: number }[] = [];
  for (const input of inputs) {
    const r = await worker.analyze(input.path);
    const judged = r.outcome
      ? { outcome: r.outcome, why: r.thrown ?? '' }
      : r.report
        ? classify(input.base && !baseFindings.has(input.base) ? { ...input, kind: 'damaged' } : input, r.report, input.base ? baseFindings.get(input.base) : undefined)
        : { outcome: 'crash' as const, why: r.thrown ?? 'no report' };
    counts.set(judged.outcome, (counts.get(judged.outcome) ?? 0) + 1);
    results.push({ input: input.name, ...judged, ms: r.report?.ms, maxRssMiB: Math.round(r.maxRssBytes / 2 ** 20) });
    if (BAD_OUTCOMES.has(judged.outcome)) process.stderr.write(`${judged.outcome}: ${input.name}: ${judged.why.slice(0, 300)}\n`);
  }
  worker.dispose();

  mkdirSync(join(root, 'test-artifacts'), { recursive: true });
  writeFileSync(join(root, 'test-artifacts', 'fuzz-results.json'), JSON.stringify({ seed, results }, null, 1));
  const summary = OUTCOMES.filter((o) => counts.get(o)).map((o) => `${o} ${counts.get(o)}`).join(', ');
  const bad = results.filter((r) => BAD_OUTCOMES.has(r.outcome)).length;
  process.stdout.write(`fuzz seed ${seed}: ${inputs.length} inputs in ${Math.round((Date.now() - started) / 1000)} s: ${summary} (${bad} bad)\n`);
  process.exitCode = bad ? 1 : 0;
}

void main();
