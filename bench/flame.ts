import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { flameGraph, flameTree, type FlameNode, type FlameStack } from '../analyzers/core/flameGraph';
import { quietContext } from '../analyzers/ingest/tests/loadForTest';
import { runCase } from '../analyzers/pipeline/runCase';

/**
 * `npm run bench:flame`: what the flame graphs cost a case. For the real captures, the graph the view
 * saves (nodes, JSON); for generated captures of many distinct stacks, the time to build the tree and
 * its size before and after merging frames under 0.1 % (what keeps a big capture's case small).
 */
const SAMPLES = join(__dirname, '..', 'samples');
const REAL = ['alloc/fixtures/lsan_leaky.txt', 'alloc/fixtures/valgrind_leaky.xml', 'alloc/fixtures/heaptrack_leaky.txt', 'alloc/fixtures/events_fixed.jsonl', 'locks/fixtures/perf_script_coarse.txt.gz', 'locks/fixtures/perf_lock_contention_v_sharded.txt'];

const count = (root: FlameNode): number => root.children.reduce((s, c) => s + count(c), 1);
const kib = (value: unknown) => `${(JSON.stringify(value).length / 1024).toFixed(1)} KiB`;

/** A deterministic generator (mulberry32), so two runs build the same stacks. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Stacks 10–40 deep as walks down a program's call graph of 5,000 functions: each function mostly
 * calls its usual callee and sometimes one of three others, so a few paths are hot and the tail is long.
 */
function generated(stacks: number): FlameStack[] {
  const next = random(42);
  const size = 5000;
  const names = Array.from({ length: size }, (_, i) => `Service${i % 40}::handler${i}(Request const&) src/service${i % 40}.cpp:${100 + i}`);
  const callee = (fn: number, k: number) => (fn * 7 + 1 + k * 1543) % size;
  return Array.from({ length: stacks }, () => {
    const depth = 10 + Math.floor(next() * 30);
    const path: string[] = [];
    let fn = Math.floor(next() ** 4 * 50);
    for (let d = 0; d < depth; d++) {
      path.push(names[fn]);
      fn = callee(fn, next() < 0.85 ? 0 : 1 + Math.floor(next() * 3));
    }
    return { path, value: 16 + Math.floor(next() * 4096) };
  });
}

async function main(): Promise<void> {
  for (const file of REAL) {
    const result = await runCase([join(SAMPLES, file)], quietContext());
    const graph = result.views.alloc?.reports[0]?.flame ?? result.views.locks?.inputs[0]?.flame;
    if (graph) console.log(`${file.padEnd(48)} ${String(count(graph.root)).padStart(5)} nodes saved, ${kib(graph).padStart(9)}`);
  }
  for (const n of [10_000, 100_000]) {
    const stacks = generated(n);
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const tree = flameTree(stacks);
    const t1 = performance.now();
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const graph = flameGraph('bytes', tree);
    const t2 = performance.now();
    console.log(
      `generated ${String(n).padStart(7)} stacks: build ${(t1 - t0).toFixed(0)} ms (${cpuMs.toFixed(0)} ms CPU), ${count(tree)} nodes; ` +
        `pruned at 0.1 % in ${(t2 - t1).toFixed(0)} ms: ${count(graph.root)} nodes (${kib(graph)})`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
