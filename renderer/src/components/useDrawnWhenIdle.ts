import { useEffect, useState } from 'react';

/**
 * False in a view's first render, true once the page is next idle: what is folded or below the fold
 * (a leak cluster's evidence, the lists under the timeline's charts) is drawn then, after the first
 * frame instead of in it. `withinMs` bounds the wait on a page that is never idle; within it, the
 * user's input comes first. Static markup has no frame to hold up and draws everything at once.
 */
export function useDrawnWhenIdle(withinMs = 500): boolean {
  const [drawn, setDrawn] = useState(() => typeof requestIdleCallback !== 'function');
  useEffect(() => {
    if (drawn) return;
    const idle = requestIdleCallback(() => setDrawn(true), { timeout: withinMs });
    return () => cancelIdleCallback(idle);
  }, [drawn, withinMs]);
  return drawn;
}
