import { useCallback, useRef, useState } from 'react';
import type { HeapQuery } from '../../../../../analyzers/heap/viewExplorer';
import type { HeapAnswers } from './heapAnswers';

/** An answer slower than this shows the choice first ("Loading…"): the click is seen to be taken. */
const SHOW_AFTER_MS = 120;

/**
 * A choice (the selected object, the opened class) made once the answer it draws is in the page:
 * the object's panel or the class's first objects are then drawn whole in one render and one layout,
 * not as an empty "Loading…" region rendered and painted first and drawn again when the answer comes.
 * An answer kept in the page (asked ahead) makes the choice at once; a later choice supersedes one
 * still waiting; `alongside` is done in the same render as the choice. `question` is what the choice's view asks first (keep it stable: useCallback).
 * `setNow` is for a choice whose answer is kept already under another question ("show in heap", an
 * `@id` filter's match).
 */
export function useAnsweredState<T>(
  answers: HeapAnswers,
  question: (value: T) => HeapQuery,
): { value: T | undefined; set: (value: T | undefined, alongside?: () => void) => void; setNow: (value: T) => void } {
  const [value, setValue] = useState<T>();
  const latest = useRef<T>(undefined);
  const set = useCallback(
    (chosen: T | undefined, alongside?: () => void) => {
      latest.current = chosen;
      const choose = () => {
        setValue(chosen);
        alongside?.();
      };
      if (chosen === undefined || answers.peek(question(chosen))) return choose();
      let shown = false;
      // Once: at the answer, or at the timer if the answer is slower.
      const show = () => {
        clearTimeout(timer);
        if (shown || latest.current !== chosen) return;
        shown = true;
        choose();
      };
      const timer = setTimeout(show, SHOW_AFTER_MS);
      // An error is shown by the choice's view, which asks again.
      answers.ask(question(chosen)).then(show, show);
    },
    [answers, question],
  );
  const setNow = useCallback((chosen: T) => {
    latest.current = chosen;
    setValue(chosen);
  }, []);
  return { value, set, setNow };
}
