import { memo, startTransition, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { PanelBoundary } from './PanelBoundary';
import { useHiddenPanelsLaidOut } from './hiddenPanelLayout';
import { usePanelTop } from './panelTop';
import { PanelVisibilityContext, usePanelStates } from './panelVisibility';

export interface TabItem<K extends string> {
  id: K;
  title: ReactNode;
}

interface Props<K extends string> {
  tabs: readonly TabItem<K>[];
  active: K;
  onSelect: (id: K) => void;
  label: string;
  className?: string;
  /**
   * The selected tab's panel, replaced on a switch; or a panel per tab, each kept mounted (hidden)
   * once visited, as DevTools keeps its panels: coming back costs nothing and finds the scroll,
   * zoom and selection as they were. The panels not visited yet are mounted ahead when the page is idle.
   */
  children: ReactNode | ((id: K) => ReactNode);
  /** With a panel per tab: when this changes (a new case result), the hidden panels are let go. */
  keepUntil?: unknown;
}

/** The visited tabs, the selected one included; all but the selected one forgotten when `keepUntil` changes. */
function useVisited<K extends string>(active: K, keepUntil: unknown): ReadonlySet<K> {
  const [kept, setKept] = useState({ keepUntil, ids: new Set([active]) });
  if (kept.keepUntil !== keepUntil || !kept.ids.has(active)) {
    // Adjusted while rendering (React's pattern for state derived from props): no extra commit.
    const ids = kept.keepUntil === keepUntil ? new Set([...kept.ids, active]) : new Set([active]);
    setKept({ keepUntil, ids });
    return ids;
  }
  return kept.ids;
}

/**
 * The tabs not yet visited whose panels are mounted ahead, hidden as a visited panel is once left:
 * one more each time the page is idle after it has shown the selected panel, in the tabs' order. A
 * first visit then only shows a panel already rendered, laid out and drawn, its code compiled, as a
 * revisit does, instead of paying all of that in the click. All forgotten when `keepUntil` changes,
 * as the visited ones are.
 */
function useAhead<K extends string>(tabs: readonly TabItem<K>[], visited: ReadonlySet<K>, keepUntil: unknown, enabled: boolean): ReadonlySet<K> {
  const [ahead, setAhead] = useState({ keepUntil, ids: new Set<K>() });
  const ids = ahead.keepUntil === keepUntil ? ahead.ids : new Set<K>();
  if (ahead.keepUntil !== keepUntil) setAhead({ keepUntil, ids });
  const next = enabled ? tabs.find((t) => !visited.has(t.id) && !ids.has(t.id))?.id : undefined;
  useEffect(() => {
    if (next === undefined || typeof requestIdleCallback !== 'function') return;
    // A transition: a click that comes while the panel renders is not kept waiting for it.
    const idle = requestIdleCallback(() => startTransition(() => setAhead((a) => (a.keepUntil === keepUntil ? { keepUntil, ids: new Set([...a.ids, next]) } : a))));
    return () => cancelIdleCallback(idle);
  }, [next, keepUntil]);
  return ids;
}

/**
 * The page's scroll offset per kept panel, put back when the panel shows again: each panel has a
 * length of its own, and the page scrolls, not the panel.
 */
function useScrollPerTab<K extends string>(active: K, kept: ReadonlySet<K>, enabled: boolean): void {
  const offsets = useRef(new Map<K, number>());
  const shown = useRef(active);
  useEffect(() => {
    if (!enabled) return;
    const onScroll = () => offsets.current.set(shown.current, window.scrollY);
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, [enabled]);
  useLayoutEffect(() => {
    for (const id of offsets.current.keys()) if (!kept.has(id)) offsets.current.delete(id);
  }, [kept]);
  useLayoutEffect(() => {
    if (shown.current === active) return;
    shown.current = active;
    const y = offsets.current.get(active);
    if (enabled && y !== undefined) window.scrollTo(0, y);
  }, [active, enabled]);
}

/** A hidden panel's content renders nothing new while hidden; shown again, it renders with the latest props. */
const Kept = memo(
  function Kept({ children }: { children: ReactNode; shown: boolean }) {
    return children;
  },
  (_before, now) => !now.shown,
);

/**
 * The WAI-ARIA tabs pattern (automatic activation): one tab stop for the whole tab list, arrow keys
 * move between tabs (wrapping), Home/End jump to the ends, and the panel is labelled by its tab and
 * is itself focusable so Tab goes from the tab list straight into the content.
 */
export function TabList<K extends string>({ tabs, active, onSelect, label, className = 'tabs', children, keepUntil }: Props<K>) {
  const base = useId();
  const buttons = useRef(new Map<K, HTMLButtonElement>());
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  const visited = useVisited(current.id, keepUntil);
  const perTab = typeof children === 'function';
  const ahead = useAhead(tabs, visited, keepUntil, perTab);
  const mounted = (id: K) => visited.has(id) || ahead.has(id);
  useScrollPerTab(current.id, visited, perTab);
  const visibility = usePanelStates(current.id, keepUntil);
  const panelElements = useRef(new Map<string, HTMLElement>());
  const [tablist, setTablist] = useState<HTMLDivElement | null>(null);
  usePanelTop(tablist);
  useHiddenPanelsLaidOut(panelElements.current, perTab ? tabs.filter((t) => mounted(t.id)).map((t) => t.id).join(',') : undefined);
  const panelId = (id: K) => (perTab ? `${base}-panel-${id}` : `${base}-panel`);

  const onKeyDown = (e: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.id === current.id);
    const target =
      e.key === 'ArrowRight' ? (index + 1) % tabs.length : e.key === 'ArrowLeft' ? (index - 1 + tabs.length) % tabs.length : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : undefined;
    if (target === undefined) return;
    e.preventDefault();
    const next = tabs[target];
    onSelect(next.id);
    buttons.current.get(next.id)?.focus();
  };

  const panel = (id: K, content: ReactNode) => {
    const selected = id === current.id;
    return (
      // Hidden by content-visibility (styles.css), not display: none: a hidden panel keeps its layout
      // and scroll offsets, and its ResizeObservers see no change, so its charts neither resize nor redraw.
      <div
        key={perTab ? id : 'panel'}
        ref={(el) => {
          if (el) panelElements.current.set(id, el);
          else panelElements.current.delete(id);
        }}
        role="tabpanel"
        id={panelId(id)}
        aria-labelledby={`${base}-tab-${id}`}
        tabIndex={selected ? 0 : -1}
        hidden={!selected}
        aria-hidden={!selected || undefined}
        className="tabpanel"
      >
        {content}
      </div>
    );
  };

  return (
    <>
      <div className={className} role="tablist" aria-label={label} onKeyDown={onKeyDown} ref={setTablist}>
        {tabs.map((t) => {
          const selected = t.id === current.id;
          return (
            <button
              key={t.id}
              ref={(el) => {
                if (el) buttons.current.set(t.id, el);
                else buttons.current.delete(t.id);
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${t.id}`}
              aria-controls={!perTab || mounted(t.id) ? panelId(t.id) : undefined}
              aria-selected={selected}
              tabIndex={selected ? 0 : -1}
              onClick={() => onSelect(t.id)}
            >
              {t.title}
            </button>
          );
        })}
      </div>
      {typeof children === 'function'
        ? tabs.filter((t) => mounted(t.id)).map((t) =>
            panel(
              t.id,
              <PanelBoundary name={typeof t.title === 'string' ? t.title : t.id} resetKey={keepUntil}>
                <PanelVisibilityContext.Provider value={visibility(t.id)}>
                  <Kept shown={t.id === current.id}>{children(t.id)}</Kept>
                </PanelVisibilityContext.Provider>
              </PanelBoundary>,
            ),
          )
        : panel(current.id, children)}
    </>
  );
}
