/**
 * The one analysis process a host runs (a Node child process, an Electron utility process): started
 * on the first request and reused. A process ended on purpose (a runaway query) is remembered, so
 * that its exit, which comes later, is not reported a second time as a crash.
 */
export class ChildSlot<C extends { kill(): boolean }> {
  private child?: C;
  private readonly stopped = new WeakSet<C>();
  /** Processes whose end was reported already (a child process may emit 'error' and then 'exit'). */
  private readonly ended = new WeakSet<C>();
  private disposed = false;

  /** `spawn` starts a process and wires its events; its exit handler asks `exited` what to do. `letGo`: see JobTransport. */
  constructor(
    private readonly spawn: () => C,
    private readonly letGo?: (child: C) => void,
  ) {}

  get current(): C | undefined {
    return this.child;
  }

  /** The running process, started if need be; throws once the host is disposed (nothing may outlive it). */
  get(): C {
    if (this.disposed) throw new Error('the analysis host is closed');
    this.child ??= this.spawn();
    return this.child;
  }

  /** Ends the process at once (the next `get` starts a fresh one); false when none was running. */
  stop(): boolean {
    const child = this.child;
    if (!child) return false;
    this.stopped.add(child);
    this.child = undefined;
    child.kill();
    return true;
  }

  /** `child` has exited: true when that was not on purpose, so its jobs must be failed. */
  exited(child: C): boolean {
    if (this.stopped.has(child) || this.ended.has(child)) return false;
    this.ended.add(child);
    if (this.child === child) this.child = undefined;
    return true;
  }

  dispose(): void {
    this.disposed = true;
    const child = this.child;
    this.child = undefined;
    if (!child) return;
    child.kill();
    this.letGo?.(child);
  }
}
