import { useEffect, useRef, useState } from 'react';
import type { HeapAnswer, HeapQuery } from '../../../../../analyzers/heap/viewExplorer';
import type { HeapAnswers } from './heapAnswers';

/**
 * One answer of the analysis process to `query` (re-asked when the query changes; a stale answer is
 * dropped). An answer already in the page (prefetched on focus or hover) is there in the first render.
 */
export function useExplore(answers: HeapAnswers, query: HeapQuery | undefined): HeapAnswer | undefined {
  const key = query === undefined ? '' : JSON.stringify(query);
  // The answer drawn is held here too: the page's store may drop it while it is still on screen.
  const drawn = useRef<{ key: string; answer: HeapAnswer }>(undefined);
  const kept = query === undefined ? undefined : answers.peek(query);
  if (kept) drawn.current = { key, answer: kept };
  const ready = drawn.current?.key === key ? drawn.current.answer : undefined;
  const [answer, setAnswer] = useState<{ key: string; answer: HeapAnswer }>();
  // Asked as the question is rendered, not from the effect: the effects of a render a timer or an
  // answer caused (the filter's pause, a page that came) run only after the next frame is painted,
  // and the question would wait that frame (~10 ms here). Asking twice is free (HeapAnswers joins
  // them); an error already answered is not asked again at every render.
  if (query && !ready && answer?.key !== key) answers.prefetch(query);
  useEffect(() => {
    if (!key || ready) return;
    let current = true;
    answers.ask(JSON.parse(key) as HeapQuery).then(
      (a) => current && setAnswer({ key, answer: a }),
      (e: unknown) => current && setAnswer({ key, answer: { kind: 'error', message: e instanceof Error ? e.message : String(e) } }),
    );
    return () => {
      current = false;
    };
  }, [answers, key, ready]);
  return ready ?? (answer?.key === key ? answer.answer : undefined);
}

/** The answer if it is of `kind`; an error answer is shown by the caller. */
export function answerOf<K extends HeapAnswer['kind']>(answer: HeapAnswer | undefined, kind: K): (HeapAnswer & { kind: K }) | undefined {
  return answer?.kind === kind ? (answer as HeapAnswer & { kind: K }) : undefined;
}
