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
