// Stands in for Electron's utility process in tests: a Node child gets the `process.parentPort`
// the utility entry expects (messages arrive as `{ data }`, as in Electron), then runs that entry.
import { EventEmitter } from 'node:events';

const port = Object.assign(new EventEmitter(), {
  postMessage: (message: unknown) => process.send?.(message),
  start: () => undefined,
});
process.on('message', (message) => port.emit('message', { data: message, ports: [] }));
process.on('disconnect', () => process.exit(0));
Object.defineProperty(process, 'parentPort', { value: port });
// Synchronously, as Electron loads the entry: an import() would let the first message in before the entry listens.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(process.argv[2]);
