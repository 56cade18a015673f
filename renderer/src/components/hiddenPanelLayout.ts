import { useEffect } from 'react';

/** An idle period this long (ms; the browser grants at most 50) means no frame is due: the page is quiet. */
const QUIET_MS = 40;
/** Laid out by then (ms) even on a page never quiet that long. */
const LAID_OUT_WITHIN_MS = 3000;

/**
 * Hidden panels laid out when the page is idle after their content changed. Hidden, a panel's layout
 * is skipped (content-visibility, styles.css) until something asks for it; a panel mounted ahead would
 * otherwise be laid out whole in the click that shows it. Asking an element inside for its box lays
 * the panel out and leaves it hidden. `mountedKey` names the panels mounted (undefined: none to watch):
 * they are observed again when one comes or goes.
 */
export function useHiddenPanelsLaidOut(panels: ReadonlyMap<string, HTMLElement>, mountedKey: string | undefined): void {
  useEffect(() => {
    if (mountedKey === undefined || typeof requestIdleCallback !== 'function') return;
    const changed = new Set<HTMLElement>();
    let idle = 0;
    const layOut = (deadline: IdleDeadline) => {
      // Only in a long idle period: a panel's layout takes a frame's worth of time, and right after a
      // result (frames still coming, the first click on its way) it would hold that click up.
      if (deadline.timeRemaining() < QUIET_MS && !deadline.didTimeout) {
        idle = requestIdleCallback(layOut, { timeout: LAID_OUT_WITHIN_MS });
        return;
      }
      idle = 0;
      for (const panel of changed) if (panel.hidden) panel.firstElementChild?.getBoundingClientRect();
      changed.clear();
    };
    const observer = new MutationObserver((records) => {
      for (const panel of panels.values()) if (panel.hidden && !changed.has(panel) && records.some((r) => panel.contains(r.target))) changed.add(panel);
      if (changed.size > 0 && !idle) idle = requestIdleCallback(layOut, { timeout: LAID_OUT_WITHIN_MS });
    });
    for (const panel of panels.values()) observer.observe(panel, { subtree: true, childList: true, attributes: true, characterData: true });
    return () => {
      observer.disconnect();
      if (idle) cancelIdleCallback(idle);
    };
  }, [panels, mountedKey]);
}
