// A Node service that leaks outside the JS heap: each "request" keeps a 256 KiB Buffer in a
// session map that is never pruned. Buffers over the pool size are ArrayBuffer backing stores
// allocated by Node's allocator, not V8 heap objects: the heap snapshot stays small while RSS
// (anonymous memory) grows. Writes a heap snapshot at the end when given a path.
import { writeHeapSnapshot } from 'node:v8';

const [, , seconds = '40', snapshotPath] = process.argv;
const sessions = new Map();
let request = 0;
const timer = setInterval(() => {
  for (let i = 0; i < 16; i++) {
    const payload = Buffer.alloc(256 * 1024, request & 0xff);
    sessions.set(`session-${request++}`, { payload, at: Date.now() });
  }
}, 250);
setTimeout(() => {
  clearInterval(timer);
  if (snapshotPath) writeHeapSnapshot(snapshotPath);
  process.stdout.write(`${sessions.size} sessions held\n`);
  process.exit(0);
}, Number(seconds) * 1000);
