import { useRef } from 'react';

/**
 * The last answer drawn, with what it answered (`asked`), kept while the next one is on its way: a
 * keystroke in a filter leaves the table as it was until the new rows come, instead of emptying it
 * and drawing it again. `stale` says the rows shown answer an earlier question (aria-busy).
 */
export function useHeldWhileAsked<T, A>(answer: T | undefined, asked: A): { shown: T | undefined; shownFor: A; stale: boolean } {
  const held = useRef<{ answer: T; asked: A }>(undefined);
  if (answer !== undefined) held.current = { answer, asked };
  return { shown: held.current?.answer, shownFor: held.current?.asked ?? asked, stale: answer === undefined && held.current !== undefined };
}
