// The parts of the `electron` module the main-process wiring and the preload use, faked for vitest
// (`vi.mock('electron', () => import('./fakeElectron'))`): there is no Electron binary on CI.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { vi } from 'vitest';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** ipcMain: handlers land in a map that tests call with a fake event. */
export const ipcHandlers = new Map<string, Handler>();
export const ipcMain = {
  handle: vi.fn((channel: string, handler: Handler) => {
    if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcHandlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => ipcHandlers.delete(channel)),
};

/**
 * utilityProcess.fork runs the real entry in a Node child process (with tsx and the parentPort
 * shim), so tests see real analyses, real progress and real crashes, through Electron's interface:
 * `postMessage`, `kill`, `stderr`, and the 'message' / 'exit' (code) events.
 */
export class NodeUtilityProcess extends EventEmitter {
  readonly child: ChildProcess;
  readonly stderr: NodeJS.ReadableStream | null;

  constructor(modulePath: string, execArgv: readonly string[]) {
    super();
    this.child = fork(join(__dirname, 'parentPortShim.ts'), [modulePath], {
      execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href, ...execArgv],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    this.stderr = this.child.stderr;
    this.child.on('message', (message) => this.emit('message', message));
    this.child.on('exit', (code, signal) => this.emit('exit', code ?? (signal ? 128 + (signalNumber[signal] ?? 0) : 0)));
  }

  postMessage(message: unknown): void {
    this.child.send(message as object);
  }

  kill(): boolean {
    return this.child.kill('SIGTERM');
  }
}

const signalNumber: Partial<Record<NodeJS.Signals, number>> = { SIGABRT: 6, SIGKILL: 9, SIGSEGV: 11, SIGTERM: 15, SIGTRAP: 5 };

export const utilityProcess = {
  fork: vi.fn((modulePath: string, _args?: string[], options?: { execArgv?: string[] }) => new NodeUtilityProcess(modulePath, options?.execArgv ?? [])),
};

/** Preload side. */
export const exposed = new Map<string, unknown>();
export const contextBridge = {
  exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)),
};
export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => undefined),
});
export const webUtils = {
  getPathForFile: vi.fn((file: { path?: string }) => file.path ?? ''),
};

/** dialog: the answer each message box gets is set by the test (index of the button pressed). */
export const dialog = {
  nextResponse: 0,
  showMessageBox: vi.fn(async (_win: unknown, _options: unknown) => ({ response: dialog.nextResponse, checkboxChecked: false })),
  showMessageBoxSync: vi.fn((_win: unknown, _options: unknown) => dialog.nextResponse),
};
