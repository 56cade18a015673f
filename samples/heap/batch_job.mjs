// A batch job whose main loop keeps each batch's results in a local array "for a summary at the end":
// the array lives on the stack of the running function, not in any object or module variable, so the
// retainer path of what it keeps starts at V8's (Stack roots). Each batch's Map of records is kept
// until the job ends — a leak while the job runs. Three heap snapshots, one after each batch,
// gzipped, named batch-1-baseline… / -2-target… / -3-final….
//
// Run: node --expose-gc batch_job.mjs <outDir>
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { gzipSync } from 'node:zlib';

const outDir = resolve(process.argv[2] ?? '.');
mkdirSync(outDir, { recursive: true });
const NAMES = ['1-baseline', '2-target', '3-final'];

class BatchRecord {
  constructor(batch, i) {
    this.batch = batch;
    this.key = `order-${batch}-${i}`;
    this.lines = [i, i * 2, i * 3];
  }
}

function runJob() {
  const results = [];
  for (let batch = 0; batch < NAMES.length; batch++) {
    const records = new Map();
    for (let i = 0; i < 3000; i++) records.set(`order-${batch}-${i}`, new BatchRecord(batch, i));
    results.push(records);
    globalThis.gc?.();
    const raw = join(outDir, `batch-${NAMES[batch]}.heapsnapshot`);
    writeHeapSnapshot(raw);
    writeFileSync(`${raw}.gz`, gzipSync(readFileSync(raw)));
    rmSync(raw);
  }
  return results.length;
}

runJob();
