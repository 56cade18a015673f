// A small in-process tracker for Node that writes the Aftermath allocation event log (docs/alloc.md).
// JavaScript has no malloc hook, so the tracker wraps the allocations the program cares about
// (here: session buffers) and learns about frees from a FinalizationRegistry after GC.
// Run: node --expose-gc node_tracker.mjs events.jsonl [rounds]
import { openSync, writeSync, closeSync } from 'node:fs';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const out = openSync(process.argv[2] ?? 'node_events.jsonl', 'w');
const rounds = Number(process.argv[3] ?? 20);
const startNs = process.hrtime.bigint();
const nowUs = () => Number((process.hrtime.bigint() - startNs) / 1000n);
const write = (record) => writeSync(out, JSON.stringify(record) + '\n');
write({ type: 'meta', format: 'aftermath-alloc-events', version: 1, tsUnit: 'us', startEpochMs: Date.now(), process: 'node_tracker', pid: process.pid });

const stackIds = new Map();
let nextPtr = 1;

// V8 frames read `    at fn (file:line:col)` or `    at file:line:col`; the log wants `fn file:line:col`.
// The stack starts at trackedAlloc's caller (lines 0-2 are the message, currentStack, trackedAlloc).
function currentStack() {
  const lines = new Error().stack.split('\n').slice(3);
  const frames = lines.map((l) => {
    const m = /^\s*at (?:(.*?) \()?(?:file:\/\/)?(.*?):(\d+):(\d+)\)?$/.exec(l);
    return m ? `${m[1] ?? '<anonymous>'} ${basename(m[2])}:${m[3]}:${m[4]}` : l.trim();
  });
  const key = frames.join('\n');
  let id = stackIds.get(key);
  if (id === undefined) {
    id = stackIds.size + 1;
    stackIds.set(key, id);
    write({ type: 'stack', id, frames });
  }
  return id;
}

const freed = new FinalizationRegistry((ptr) => write({ type: 'free', ptr: `0x${ptr.toString(16)}`, ts: nowUs(), thread: 1 }));

function trackedAlloc(size) {
  const buffer = Buffer.alloc(size);
  const ptr = nextPtr++;
  write({ type: 'alloc', ptr: `0x${ptr.toString(16)}`, size, ts: nowUs(), thread: 1, stack: currentStack() });
  freed.register(buffer, ptr);
  return buffer;
}

// The leak: every session's buffer is remembered by id and never evicted.
const sessionCache = new Map();
function openSession(id) {
  const session = trackedAlloc(4096);
  sessionCache.set(id, session);
  return session;
}
function handleRequest(id) {
  const scratch = trackedAlloc(1024); // temporary: freed after GC
  return scratch.length + openSession(id).length;
}

for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < 10; i++) handleRequest(round * 10 + i);
  globalThis.gc?.();
  await sleep(10); // lets the FinalizationRegistry callbacks run
}
closeSync(out);
