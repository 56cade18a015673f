import { CancelledError } from './inputError';

/**
 * Lets the event loop run (a cancel arrives as a message or a timer, which synchronous work never
 * lets in), then stops if the work was cancelled. Between phases of work that runs for seconds:
 * without it, a cancel is seen only when the whole synchronous run ends.
 */
export async function cancelPoint(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  if (signal?.aborted) throw new CancelledError();
}

/** A wait (on a helper thread, say) that a cancel ends at once. */
export function untilCancelled<T>(result: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return result;
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    result.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** How often a long synchronous loop lets a cancel in: well inside the second a cancel must be answered in. */
const PAUSE_EVERY_MS = 100;
/** Loop steps between two looks at the clock (a look costs more than a step). */
const STEPS_PER_LOOK = 4096;

/**
 * Cancel points for a loop that runs for seconds: `if (ticks.due()) await ticks.pause()` in its body
 * lets the event loop in about every `PAUSE_EVERY_MS` (a counter decides when to look at the clock, so
 * a step costs an increment). Without a signal nothing can cancel, and it is never due. `everyMs` 0
 * pauses at every look at the clock.
 */
export class CancelTicks {
  private steps = 0;
  private last = performance.now();

  constructor(
    private readonly signal: AbortSignal | undefined,
    private readonly everyMs = PAUSE_EVERY_MS,
  ) {}

  due(): boolean {
    if (!this.signal || ++this.steps < STEPS_PER_LOOK) return false;
    this.steps = 0;
    return performance.now() - this.last >= this.everyMs;
  }

  async pause(): Promise<void> {
    await cancelPoint(this.signal);
    this.last = performance.now();
  }
}
