import { useEffect, useState } from 'react';

/**
 * False in a view's first render, true once the page is next idle: what is folded or below the fold
 * (a leak cluster's evidence, the rest of a class's largest objects) is drawn then, after the first
 * frame instead of in it. Static markup has no frame to hold up and draws everything at once.
 */
export function useDrawnWhenIdle(): boolean {
  const [drawn, setDrawn] = useState(() => typeof requestIdleCallback !== 'function');
  useEffect(() => {
    if (drawn) return;
    // The timeout bounds the wait on a page that is never idle; within it, the user's input comes first.
    const idle = requestIdleCallback(() => setDrawn(true), { timeout: 500 });
    return () => cancelIdleCallback(idle);
  }, [drawn]);
  return drawn;
}
