import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { CancelledError } from '../analyzers/core/inputError';
import { runCase } from '../analyzers/pipeline/runCase';
import { ensureEventLog } from './allocData';
import { ensureSnapshot } from './heapData';
import { ensureCapture } from './locksData';
import { AnalysisHost } from '../cli/analysisHost';

/**
 * `npm run bench:cancel [-- --keep]`: how long a cancel takes to be answered, at points spread over
 * each long analysis (a heap snapshot of the sample game server at ~100 MB, an allocation event log of
 * 3 M events, a 200 MB perf script lock capture). Each input is run once whole, with the phase at each
 * moment recorded; then once per point, cancelled there: the latency is from the moment the cancel
 * was asked (a timer set for that moment, as a user's click would be) to the rejection with
 * CancelledError — so a phase that does not yield shows as the time the timer waited for the loop,
 * plus the time to the next check. Run inline (no helper threads): the slowest case. Then the same
 * through the host the CLI and `aftermath serve` use (an analysis child process; the host answers a
 * job still stuck in one step after its grace): the latency the user sees, from the cancel to the
 * `cancelled` event. Prints the latencies by phase and the worst; asserts nothing (the target is 1 s).
 * `--host-only`: only the host part, on the heap snapshot.
 */
const POINTS = 6;
const keep = process.argv.includes('--keep');

interface Timeline {
  totalMs: number;
  phases: { atMs: number; phase: string }[];
}

async function wholeRun(path: string): Promise<Timeline> {
  const phases: Timeline['phases'] = [];
  const start = performance.now();
  await runCase([path], {
    signal: new AbortController().signal,
    onProgress: (p) => {
      const phase = p.phase;
      if (phases[phases.length - 1]?.phase !== phase) phases.push({ atMs: performance.now() - start, phase });
    },
  });
  return { totalMs: performance.now() - start, phases };
}

async function cancelledAt(path: string, atMs: number): Promise<{ latencyMs: number; phase: string }> {
  const controller = new AbortController();
  let phase = 'start';
  const start = performance.now();
  const asked = start + atMs;
  setTimeout(() => controller.abort(), atMs);
  try {
    await runCase([path], { signal: controller.signal, onProgress: (p) => (phase = performance.now() < asked ? p.phase : phase) });
    return { latencyMs: NaN, phase: `${phase} (finished before the cancel)` };
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    return { latencyMs: performance.now() - asked, phase };
  }
}

async function measure(label: string, path: string): Promise<void> {
  const whole = await wholeRun(path);
  console.log(`\n${label}: ${(whole.totalMs / 1000).toFixed(1)} s whole; phases: ${whole.phases.map((p) => `${p.phase} @${(p.atMs / 1000).toFixed(1)}s`).join(', ')}`);
  const rows: { atMs: number; latencyMs: number; phase: string }[] = [];
  for (let i = 1; i <= POINTS; i++) {
    const atMs = (whole.totalMs * i) / (POINTS + 1);
    rows.push({ atMs, ...(await cancelledAt(path, atMs)) });
  }
  for (const r of rows) console.log(`  cancel at ${(r.atMs / 1000).toFixed(2)} s (${r.phase}): answered in ${Number.isNaN(r.latencyMs) ? '—' : `${r.latencyMs.toFixed(0)} ms`}`);
  const worst = rows.filter((r) => !Number.isNaN(r.latencyMs)).sort((a, b) => b.latencyMs - a.latencyMs)[0];
  if (worst) console.log(`  worst: ${worst.latencyMs.toFixed(0)} ms during ${worst.phase} (target: 1000 ms)`);
}

/** Through the child-process host: cancels at the same share of the job's time as in process. */
async function measureHost(label: string, path: string, wholeMs: number): Promise<void> {
  const host = new AnalysisHost();
  try {
    const latencies: number[] = [];
    for (let i = 1; i <= POINTS; i++) {
      const atMs = (wholeMs * i) / (POINTS + 1);
      const jobId = host.start([path]);
      let asked = 0;
      const end = host.waitFor(jobId).then((e) => ({ type: e.type, ms: asked ? performance.now() - asked : NaN }));
      setTimeout(() => {
        asked = performance.now();
        host.cancel(jobId);
      }, atMs);
      const { type, ms } = await end;
      console.log(`  cancel at ${(atMs / 1000).toFixed(2)} s: ${type === 'cancelled' ? `answered in ${ms.toFixed(0)} ms` : `ended with ${type} before the cancel`}`);
      if (type === 'cancelled') latencies.push(ms);
    }
    if (latencies.length) console.log(`  ${label} through the host: worst ${Math.max(...latencies).toFixed(0)} ms (target: 1000 ms)`);
  } finally {
    host.dispose();
  }
}

async function main(): Promise<void> {
  const heap = ensureSnapshot({ sessionsPerPhase: 40_000, residents: 2000, tickEvery: 1000 });
  if (process.argv.includes('--host-only')) {
    const whole = await wholeRun(heap);
    console.log(`\nheap snapshot through the analysis child: ${(whole.totalMs / 1000).toFixed(1)} s whole in process`);
    await measureHost('heap snapshot', heap, whole.totalMs);
    if (!keep) rmSync(heap, { force: true });
    return;
  }
  const alloc = await ensureEventLog({ events: 3_000_000, liveSet: 100_000, format: 'jsonl' });
  const locks = await ensureCapture(200);
  try {
    await measure('heap snapshot', heap);
    console.log('\nheap snapshot through the analysis child:');
    await measureHost('heap snapshot', heap, (await wholeRun(heap)).totalMs);
    await measure('allocation event log', alloc);
    await measure('perf script lock capture', locks);
  } finally {
    if (!keep) for (const p of [heap, alloc, locks]) rmSync(p, { force: true });
  }
}

void main();
