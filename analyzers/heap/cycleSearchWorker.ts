// Entry of the helper thread that runs the reference-cycle search (cycleSearch.ts) while the analysis
// thread runs the other heap analyses (cycleSearchThread.ts). The graph arrives on shared memory; the
// components go back transferred, not copied.
import { parentPort } from 'node:worker_threads';
import { searchCycles, type CycleSearchInput } from './cycleSearch';
import type { CycleSearchReply } from './cycleSearchThread';

const port = parentPort;
if (!port) throw new Error('cycleSearchWorker must run as a worker thread');

port.on('message', (input: CycleSearchInput) => {
  const reply = (message: CycleSearchReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  searchCycles(input).then(
    (components) => reply({ kind: 'components', components }, [components.component.buffer as ArrayBuffer, components.size.buffer as ArrayBuffer, components.members.buffer as ArrayBuffer]),
    (e: unknown) => reply({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
  );
});
