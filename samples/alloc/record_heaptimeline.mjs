// Records a V8 allocation timeline (.heaptimeline: a heap snapshot with trace_function_infos and
// trace_tree) of a small program whose session cache never evicts, through the inspector protocol
// (HeapProfiler.startTrackingHeapObjects with trackAllocations), as DevTools' "Allocation
// instrumentation on timeline" does.
// Run: node record_heaptimeline.mjs out.heaptimeline
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';

class PlayerSession {
  constructor(id) {
    this.id = id;
    this.history = new Array(64).fill(id);
  }
}

const sessionCache = new Map();
function openSession(id) {
  const s = new PlayerSession(id);
  sessionCache.set(id, s); // never evicted
  return s;
}
function handleRequest(id) {
  const scratch = { id, payload: new Array(16).fill(0) }; // temporary
  return scratch.payload.length + openSession(id).history.length;
}

const session = new Session();
session.connect();
const chunks = [];
session.on('HeapProfiler.addHeapSnapshotChunk', (m) => chunks.push(m.params.chunk));
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startTrackingHeapObjects', { trackAllocations: true });
let total = 0;
for (let i = 0; i < 2000; i++) total += handleRequest(i);
await session.post('HeapProfiler.stopTrackingHeapObjects', { reportProgress: false });
session.disconnect();
writeFileSync(process.argv[2] ?? 'sessions.heaptimeline', chunks.join(''));
console.log(`handled ${total} slots; wrote ${chunks.join('').length} bytes`);
