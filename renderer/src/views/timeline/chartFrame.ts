import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useDrawnWhenIdle } from '../../components/useDrawnWhenIdle';

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

/** A chart this close to the viewport (CSS pixels) after a scroll is built, so that it is drawn by the time it shows. */
const NEAR_VIEW_PX = 200;

/**
 * Which of the stack's charts (the children of `el`) to build: those in the viewport as the view
 * mounts, before its first paint; each of the others once it comes near the viewport or the page is
 * idle, whichever is first. Building and drawing a uPlot chart is most of the view's first render,
 * and the charts below the fold need not hold up the ones in view. Read right after useStackWidth's
 * measure, so the layout it forced is still clean.
 */
export function useChartsToBuild(el: HTMLElement | null, count: number): readonly boolean[] {
  const [built, setBuilt] = useState<readonly boolean[]>([]);
  // The first observer's first report is where the charts were as the view mounted, which the idle
  // builds take care of; a later one's is where a scroll may have brought them since.
  const mountReport = useRef(true);
  useLayoutEffect(() => {
    if (!el) return;
    const inView = (chart: Element) => {
      const r = chart.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight;
    };
    // A chart once built stays built.
    setBuilt((b) => [...el.children].map((chart, i) => b[i] || inView(chart)));
  }, [el, count]);
  useEffect(() => {
    const next = built.indexOf(false);
    if (!el || next < 0) return;
    const charts = [...el.children];
    const build = (i: number) => setBuilt((b) => (i < 0 || b[i] ? b : b.map((x, k) => x || k === i)));
    const observer = new IntersectionObserver(
      (entries) => {
        if (!mountReport.current) entries.forEach((e) => e.isIntersecting && build(charts.indexOf(e.target)));
        mountReport.current = false;
      },
      { rootMargin: `${NEAR_VIEW_PX}px 0px` },
    );
    charts.forEach((chart, i) => !built[i] && observer.observe(chart));
    // One chart per idle period: each is a few milliseconds, and a scroll or key may come in between.
    const idle = requestIdleCallback(() => build(next));
    return () => {
      observer.disconnect();
      cancelIdleCallback(idle);
    };
  }, [el, built]);
  return built;
}

/** The lists below the charts are rendered by then (ms) even if the page is never idle. */
const BELOW_WITHIN_MS = 200;

/**
 * Whether to render what comes after `el` (the lists under the charts): at once if `el` ends inside
 * the viewport as the view mounts, else when the page is first idle after the first frame, so that
 * the first visit's frame lays out and paints only what it shows. Read after useStackWidth's measure,
 * whose layout is still clean.
 */
export function useShownAfter(el: HTMLElement | null): boolean {
  const idle = useDrawnWhenIdle(BELOW_WITHIN_MS);
  const [inView, setInView] = useState(false);
  useLayoutEffect(() => {
    if (el && !idle && !inView && el.getBoundingClientRect().bottom < window.innerHeight) setInView(true);
  }, [el, idle, inView]);
  return idle || inView;
}
