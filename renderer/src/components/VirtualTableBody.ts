import { elementScroll, observeElementOffset, useVirtualizer, Virtualizer, type Rect } from '@tanstack/react-virtual';
import { useEffect, useRef, type RefObject } from 'react';

/**
 * The body's size as the layout settles it, from a ResizeObserver only: the library's default reads
 * it as the body mounts, which forces a layout of the whole page before the rows exist (then another
 * with them).
 */
function observeBodyRect(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void): () => void {
  const body = instance.scrollElement;
  if (!body) return () => {};
  const observer = new ResizeObserver(() => cb({ width: body.clientWidth, height: body.clientHeight }));
  observer.observe(body, { box: 'content-box' });
  return () => observer.disconnect();
}

interface Options {
  count: number;
  body: RefObject<HTMLDivElement | null>;
  rowHeight: number;
  /** The body's height, or the most it grows to: the first rows are drawn from it, in the render that mounts the body. */
  height: number;
  overscan: number;
}

/**
 * A virtualizer of fixed-height rows in a scrolling body (VirtualTable, the explorer's object list
 * and trees) that forces no layout as the body mounts: its size comes from `height`, then from a
 * ResizeObserver; and the mount's scroll to offset 0 of a body just created, which is there already,
 * is not written (a write reads the layout first). The rows are laid out once, with the page's next layout.
 */
export function useBodyVirtualizer({ count, body, rowHeight, height, overscan }: Options): Virtualizer<HTMLDivElement, Element> {
  const mounting = useRef(true);
  const scrolledTo = useRef<((offset: number, isScrolling: boolean) => void) | null>(null);
  return useVirtualizer({
    count,
    getScrollElement: () => body.current,
    estimateSize: () => rowHeight,
    overscan,
    initialRect: { width: 0, height },
    observeElementRect: observeBodyRect,
    observeElementOffset: (instance, cb) => {
      scrolledTo.current = cb;
      const stop = observeElementOffset(instance, cb);
      return () => {
        scrolledTo.current = null;
        stop?.();
      };
    },
    scrollToFn: (offset, options, instance) => {
      const first = mounting.current;
      mounting.current = false;
      if (first && offset === 0) return;
      elementScroll(offset, options, instance);
      // A jump (End, PageDown, a row asked for) draws its rows in the input's own task: the scroll
      // event that would draw them comes only with the next frame, a frame of blank rows later. Only
      // a jump that moved: one that did not gets no scroll event either, which would end its "scrolling".
      const el = instance.scrollElement;
      if (el && options.behavior !== 'smooth' && el.scrollTop !== instance.scrollOffset) scrolledTo.current?.(el.scrollTop, true);
    },
  });
}

let warmed = false;

/**
 * Runs the virtualizer's code once when the page is next idle, on no element: V8 compiles the
 * library's functions as they are first called, which cost the first table a tab draws (the Heap
 * tab's or Leaks & cycles' first visit) several milliseconds of its click.
 */
export function useVirtualizerWarm(): void {
  useEffect(() => {
    if (warmed || typeof requestIdleCallback !== 'function') return;
    const idle = requestIdleCallback(() => {
      warmed = true;
      const v = new Virtualizer<HTMLDivElement, Element>({
        count: 100,
        getScrollElement: () => null,
        estimateSize: () => 24,
        overscan: 5,
        initialRect: { width: 0, height: 480 },
        observeElementRect: () => () => {},
        observeElementOffset: () => () => {},
        scrollToFn: () => {},
      });
      v.getVirtualItems();
      v.getTotalSize();
    });
    return () => cancelIdleCallback(idle);
  }, []);
}
