// Entry of the helper thread that runs the reference-cycle search (cycleSearch.ts), and an earlier
// snapshot's pattern counting (cyclePatterns.ts), while the analysis thread runs the other heap
// analyses (cycleSearchThread.ts). The graph arrives on shared memory; the components and the counted
// objects go back transferred, not copied.
import { parentPort } from 'node:worker_threads';
import { searchAndCount } from './cyclePatterns';
import type { CycleSearchReply, CycleSearchRequest } from './cycleSearchThread';

const port = parentPort;
if (!port) throw new Error('cycleSearchWorker must run as a worker thread');

port.on('message', ({ input, count }: CycleSearchRequest) => {
  const reply = (message: CycleSearchReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  searchAndCount(input, count).then(
    (found) => {
      const arrays = [found.component, found.size, found.members, ...(found.counted ?? []).map((p) => p.objects)];
      reply({ kind: 'components', components: found }, arrays.map((a) => a.buffer as ArrayBuffer));
    },
    (e: unknown) => reply({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
  );
});
