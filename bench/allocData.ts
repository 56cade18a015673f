import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

/** Where the benchmark's generated logs go (git-ignored). */
export const BENCH_DATA = join(__dirname, 'data');

export interface EventLogSpec {
  events: number;
  /** Allocations kept live at steady state: what the reader's memory should depend on. */
  liveSet: number;
  format: 'jsonl' | 'csv';
}

export const eventLogPath = (spec: EventLogSpec) => join(BENCH_DATA, `alloc-events-${spec.events}-live${spec.liveSet}.${spec.format}`);

const STACKS = 400;

/** A small deterministic PRNG (mulberry32) so that every run writes the same log. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes an allocation event log in the tracker's format: `STACKS` interned stacks, then
 * allocations and frees that hold about `liveSet` allocations live, with a slow leak at a few
 * sites so that the growth analysis has something to find. Skips the work if the file exists.
 */
export async function ensureEventLog(spec: EventLogSpec): Promise<string> {
  const path = eventLogPath(spec);
  if (existsSync(path)) return path;
  mkdirSync(BENCH_DATA, { recursive: true });
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp, { highWaterMark: 1 << 22 });
  const csv = spec.format === 'csv';
  let buffer = '';
  const flush = async () => {
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };
  buffer += csv
    ? '#aftermath-alloc-events,version=1,tsUnit=us,startEpochMs=1760000000000,process=bench_server\n'
    : '{"type":"meta","format":"aftermath-alloc-events","version":1,"tsUnit":"us","startEpochMs":1760000000000,"process":"bench_server","pid":4242}\n';
  for (let s = 1; s <= STACKS; s++) {
    const frames = ['operator new(unsigned long) alloc_tracker.cpp:239', `std::__new_allocator<Entity${s % 37}>::allocate(unsigned long, void const*) /usr/include/c++/12/bits/new_allocator.h:137`, `World::system${s}(int) world.cpp:${100 + s}`, `World::tick() world.cpp:${50 + (s % 9)}`, 'main server.cpp:12'];
    buffer += csv ? `S,${s},${frames.join('\t')}\n` : `${JSON.stringify({ type: 'stack', id: s, frames })}\n`;
  }
  const random = prng(42);
  const live: number[] = [];
  let nextPtr = 0x55d0a1000000;
  let ts = 0;
  for (let e = 0; e < spec.events; e++) {
    ts += 1 + Math.floor(random() * 4);
    const leakStep = e % 1000 === 0; // one allocation in a thousand is never freed
    if (live.length < spec.liveSet || leakStep || random() < 0.5) {
      const ptr = (nextPtr += 16 * (1 + Math.floor(random() * 8)));
      const stack = leakStep ? 1 + (e % 3) : 4 + Math.floor(random() * (STACKS - 3));
      const size = 16 * (1 + Math.floor(random() * 32));
      if (!leakStep) live.push(ptr);
      const hex = ptr.toString(16);
      buffer += csv ? `A,0x${hex},${size},${ts},4243,${stack}\n` : `{"type":"alloc","ptr":"0x${hex}","size":${size},"ts":${ts},"thread":4243,"stack":${stack}}\n`;
    } else {
      const i = Math.floor(random() * live.length);
      const ptr = live[i];
      live[i] = live[live.length - 1];
      live.pop();
      const hex = ptr.toString(16);
      buffer += csv ? `F,0x${hex},${ts},4243\n` : `{"type":"free","ptr":"0x${hex}","ts":${ts},"thread":4243}\n`;
    }
    if (buffer.length > 1 << 20) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  renameSync(tmp, path);
  return path;
}
