import { useCallback, useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent } from 'react';

const MOVES: Record<string, (at: number, count: number) => number> = {
  ArrowDown: (at, count) => Math.min(count - 1, at + 1),
  ArrowUp: (at) => Math.max(0, at - 1),
  Home: () => 0,
  End: (_at, count) => count - 1,
};

/**
 * Roving focus over a list's items (the WAI-ARIA pattern, as the tab list and tables have it): the
 * list is one Tab stop — the item focused last, else the first — and ArrowDown/ArrowUp, Home/End move
 * between its items. `itemSelector` names the items inside the element the returned props go on; they
 * are found in the DOM after each render, so a filter or a fold that changes them needs nothing else.
 */
export function useRovingFocus<T extends HTMLElement>(itemSelector: string) {
  const container = useRef<T>(null);
  const stop = useRef<Element | null>(null);
  const items = useCallback(() => [...(container.current?.querySelectorAll<HTMLElement>(itemSelector) ?? [])], [itemSelector]);
  useLayoutEffect(() => {
    const all = items();
    const at = all.find((el) => el === stop.current) ?? all[0];
    for (const el of all) el.tabIndex = el === at ? 0 : -1;
  });
  const onFocus = (e: FocusEvent) => {
    const all = items();
    if (!all.includes(e.target as HTMLElement)) return;
    stop.current = e.target;
    for (const el of all) el.tabIndex = el === e.target ? 0 : -1;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const move = MOVES[e.key];
    const all = items();
    const at = all.indexOf(e.target as HTMLElement);
    if (!move || at < 0) return;
    e.preventDefault();
    all[move(at, all.length)].focus();
  };
  return { ref: container, onFocus, onKeyDown };
}
