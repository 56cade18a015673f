import { useCallback, useRef, useState } from 'react';
import type { ExplorerObject } from '../../../../../analyzers/heap/viewExplorer';
import { objectQuery, type HeapAnswers } from './heapAnswers';

/** An answer slower than this shows the object's panel first ("Loading…"): the click is seen to be taken. */
const SHOW_PANEL_AFTER_MS = 120;

/**
 * The selected object, selected once its answer is in the page: its panel (path, retainers,
 * references) is then drawn whole in one render and one layout, not as an empty panel rendered and
 * painted first and drawn again when the answer comes. An answer kept in the page (asked ahead on
 * focus or hover) selects at once; a later selection supersedes one still waiting. `selectNow` is for
 * an object whose answer is kept already under another snapshot than the one drawn ("show in heap",
 * an `@id` filter's match).
 */
export function useSelectAnswered(
  answers: HeapAnswers,
  snapshot: number,
): { selected: ExplorerObject | undefined; select: (object: ExplorerObject | undefined) => void; selectNow: (object: ExplorerObject) => void } {
  const [selected, setSelected] = useState<ExplorerObject>();
  const latest = useRef<ExplorerObject>(undefined);
  const select = useCallback(
    (object: ExplorerObject | undefined) => {
      latest.current = object;
      if (object === undefined || answers.peek(objectQuery(snapshot, object.id))) return setSelected(object);
      const show = () => {
        clearTimeout(timer);
        if (latest.current === object) setSelected(object);
      };
      const timer = setTimeout(show, SHOW_PANEL_AFTER_MS);
      // An error is shown by the panel, which asks again.
      answers.ask(objectQuery(snapshot, object.id)).then(show, show);
    },
    [answers, snapshot],
  );
  const selectNow = useCallback((object: ExplorerObject) => {
    latest.current = object;
    setSelected(object);
  }, []);
  return { selected, select, selectNow };
}
