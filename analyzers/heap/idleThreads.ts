import { Worker } from 'node:worker_threads';
import type { ThreadScript } from '../core/helperThreads';

/** How long a parse thread waits for another load before it ends. */
const IDLE_MS = 2000;
/**
 * How long a thread started ahead of its work (`prestart`) waits for it: the reads of a set of big
 * snapshots, after which the work comes, take tens of seconds at most.
 */
export const PRESTART_IDLE_MS = 60_000;

/** A thread of `script`, with its Node options. */
export const startThread = (script: ThreadScript): Worker => new Worker(script.url, script.execArgv ? { execArgv: script.execArgv } : {});

interface IdleThread {
  worker: Worker;
  /** Ends an idle thread that failed or waited IDLE_MS; undone when the thread is taken. */
  forget: () => void;
  timer: NodeJS.Timeout;
}

/**
 * Helper threads kept between their jobs. A load on a fresh thread compiles the parser and the model's
 * passes again (a second load in one isolate took ~1 s less CPU for a 220 MiB snapshot), so a parse
 * thread that has built its model loads the case's next file. A thread that said `read` is still
 * posting its model: the next load waits for it rather than start a cold one. A thread can also be
 * started before its work is due (`prestart`). Idle threads do not keep the process alive, and end
 * after IDLE_MS (or the time `prestart` gave them).
 */
export class IdleThreads {
  private readonly idle = new Map<string, IdleThread[]>();
  private readonly posting = new Map<string, Set<Promise<void>>>();

  /** A thread of `script`: an idle one, one about to be idle, or a new one. */
  async take(script: ThreadScript): Promise<Worker> {
    const key = keyOf(script);
    for (;;) {
      const free = this.takeIdle(script);
      if (free) return free;
      const waiting = this.posting.get(key);
      if (!waiting?.size) return startThread(script);
      await Promise.race(waiting);
    }
  }

  /** An idle thread of `script`, if there is one. */
  takeIdle(script: ThreadScript): Worker | undefined {
    const free = this.idle.get(keyOf(script))?.pop();
    if (!free) return undefined;
    clearTimeout(free.timer);
    free.worker.off('exit', free.forget).off('error', free.forget).ref();
    return free.worker;
  }

  /**
   * A thread of `script` started now and left idle until taken, unless one is idle already: its
   * start (loading and compiling its script, ~0.1 s) then runs while the cores have room rather than
   * when its work is due. A thread that cannot start is no failure here: the work starts its own.
   */
  prestart(script: ThreadScript, idleMs: number): void {
    const key = keyOf(script);
    if (this.idle.get(key)?.length) return;
    let worker: Worker;
    try {
      worker = startThread(script);
    } catch {
      return;
    }
    this.release(key, worker, idleMs);
  }

  /** `worker` is posting its last reply; `reusable` settles true when it can take another load. */
  finishing(script: ThreadScript, worker: Worker, reusable: Promise<boolean>): void {
    const key = keyOf(script);
    const set = this.posting.get(key) ?? new Set<Promise<void>>();
    this.posting.set(key, set);
    const done: Promise<void> = reusable.then((ok) => {
      set.delete(done);
      if (ok) this.release(key, worker);
    });
    set.add(done);
  }

  private release(key: string, worker: Worker, idleMs = IDLE_MS): void {
    const list = this.idle.get(key) ?? [];
    this.idle.set(key, list);
    const forget = () => {
      const at = list.indexOf(entry);
      if (at >= 0) list.splice(at, 1);
      clearTimeout(entry.timer);
      void worker.terminate();
    };
    const entry: IdleThread = { worker, forget, timer: setTimeout(forget, idleMs).unref() };
    worker.once('exit', forget).once('error', forget).unref();
    list.push(entry);
  }
}

const keyOf = (script: ThreadScript) => `${script.url.href} ${(script.execArgv ?? []).join(' ')}`;

/** This process's idle helper threads. */
export const idleThreads = new IdleThreads();
