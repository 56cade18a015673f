import { describe, expect, it } from 'vitest';
import { PanelState } from './panelVisibility';

describe('PanelState', () => {
  it('runs what waits for the panel once it is shown, not while it stays hidden, and not after a cancel', () => {
    const panel = new PanelState();
    const ran: string[] = [];
    panel.whenShown(() => ran.push('chart 1'));
    const cancel = panel.whenShown(() => ran.push('chart 2'));
    panel.set(false);
    expect(panel.shown()).toBe(false);
    expect(ran).toEqual([]);
    cancel();
    panel.set(true);
    expect(panel.shown()).toBe(true);
    expect(ran).toEqual(['chart 1']);
    // Shown again later: what ran once does not run again.
    panel.set(false);
    panel.set(true);
    expect(ran).toEqual(['chart 1']);
  });
});
