import { createContext, useContext, useLayoutEffect, useRef } from 'react';

/**
 * Whether the tab panel around a component is on screen (TabList), read and waited for without a
 * render: a panel shown or hidden renders nothing of what it holds (TabList's Kept), and a context
 * value that changed would render every consumer in it.
 */
export interface PanelVisibility {
  shown(): boolean;
  /** Runs `then` once the panel is next shown; returns what cancels it. */
  whenShown(then: () => void): () => void;
}

/** A panel's visibility as TabList keeps it: told after each commit whether its panel is the selected one. */
export class PanelState implements PanelVisibility {
  private on = false;
  private readonly waiting = new Set<() => void>();

  shown(): boolean {
    return this.on;
  }

  whenShown(then: () => void): () => void {
    this.waiting.add(then);
    return () => this.waiting.delete(then);
  }

  set(shown: boolean): void {
    this.on = shown;
    if (!shown) return;
    const now = [...this.waiting];
    this.waiting.clear();
    now.forEach((run) => run());
  }
}

const ALWAYS_SHOWN: PanelVisibility = { shown: () => true, whenShown: () => () => undefined };

/** Outside a TabList a component is on screen. */
export const PanelVisibilityContext = createContext<PanelVisibility>(ALWAYS_SHOWN);

export const usePanelVisibility = (): PanelVisibility => useContext(PanelVisibilityContext);

/**
 * Each panel's visibility, one object per tab for the panel's life (a new case result starts them
 * afresh), told after each commit which one is shown.
 */
export function usePanelStates<K extends string>(active: K, keepUntil: unknown): (id: K) => PanelState {
  const states = useRef({ keepUntil, byId: new Map<K, PanelState>() });
  if (states.current.keepUntil !== keepUntil) states.current = { keepUntil, byId: new Map() };
  useLayoutEffect(() => {
    for (const [id, state] of states.current.byId) state.set(id === active);
  });
  return (id) => {
    const { byId } = states.current;
    let state = byId.get(id);
    if (!state) byId.set(id, (state = new PanelState()));
    return state;
  };
}
