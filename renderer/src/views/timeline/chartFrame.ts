import { useLayoutEffect, useState } from 'react';

/** What canvas drawing needs from the page's CSS, which a canvas cannot read. */
export interface ChartStyle {
  text: string;
  line: string;
  font: string;
}

/** The page's colours and font for the charts under `el`: read once, and again when the OS theme flips. */
export function useChartStyle(el: HTMLElement | null): ChartStyle | undefined {
  const [style, setStyle] = useState<ChartStyle>();
  useLayoutEffect(() => {
    if (!el) return;
    const read = () => {
      const css = getComputedStyle(el);
      setStyle({ text: css.getPropertyValue('--muted').trim() || '#60656d', line: css.getPropertyValue('--line').trim() || '#e1e3e8', font: `11px ${css.fontFamily}` });
    };
    read();
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', read);
    return () => media.removeEventListener('change', read);
  }, [el]);
  return style;
}

/**
 * The width of `el` (no padding), for every chart of the stack: measured once as the view mounts,
 * so that the charts are built before the first paint at their size, then followed by one observer
 * for them all. A width of 0 is a hidden tab: the charts keep theirs.
 */
export function useStackWidth(el: HTMLElement | null): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    if (!el) return;
    setWidth(Math.round(el.getBoundingClientRect().width));
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.round(entry.contentRect.width);
      if (w > 0) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);
  return width;
}
