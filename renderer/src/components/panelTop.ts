import { useEffect } from 'react';

/**
 * Where the tab panels start in the page (CSS pixels from the document's top), set as `--panel-top`
 * on their parent: a view that fills the window (`.fills-window`, styles.css) takes its height from it,
 * hidden or shown alike. Sized by the shell's flex instead, it would be laid out hidden at one size
 * (hiddenPanelLayout lays hidden panels out ahead) and again at another in the click that shows it.
 */
export function usePanelTop(tablist: HTMLElement | null): void {
  useEffect(() => {
    const parent = tablist?.parentElement;
    if (!tablist || !parent) return;
    let placed = '';
    const place = () => {
      const top = `${tablist.getBoundingClientRect().bottom + window.scrollY + parseFloat(getComputedStyle(tablist).marginBottom)}px`;
      if (top === placed) return;
      placed = top;
      parent.style.setProperty('--panel-top', top);
    };
    place();
    // Whatever above the tabs changes height (a notice, the file list opened, the header wrapping) changes the page's.
    const observer = new ResizeObserver(place);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [tablist]);
}
