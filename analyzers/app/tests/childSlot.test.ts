import { describe, expect, it } from 'vitest';
import { ChildSlot } from '../node/childSlot';

class FakeChild {
  killed = false;
  constructor(readonly n: number) {}
  kill(): boolean {
    this.killed = true;
    return true;
  }
}

describe('ChildSlot', () => {
  const slotOf = () => {
    let spawned = 0;
    return new ChildSlot(() => new FakeChild(++spawned));
  };

  it('starts one process on demand and reuses it', () => {
    const slot = slotOf();
    expect(slot.current).toBeUndefined();
    expect(slot.get().n).toBe(1);
    expect(slot.get().n).toBe(1);
  });

  it('a process stopped on purpose is killed, replaced on the next request, and its later exit is not a crash', () => {
    const slot = slotOf();
    const first = slot.get();
    expect(slot.stop()).toBe(true);
    expect(first.killed).toBe(true);
    expect(slot.stop()).toBe(false);
    const second = slot.get();
    expect(second.n).toBe(2);
    expect(slot.exited(first)).toBe(false);
    expect(slot.current).toBe(second);
  });

  it('a process that exits by itself is a crash, and the next request starts a fresh one', () => {
    const slot = slotOf();
    const first = slot.get();
    expect(slot.exited(first)).toBe(true);
    expect(slot.current).toBeUndefined();
    expect(slot.get().n).toBe(2);
  });
});

describe('ChildSlot end of life', () => {
  it('reports one end per process, however many events tell of it, and starts nothing once disposed', () => {
    let spawned = 0;
    const slot = new ChildSlot(() => new FakeChild(++spawned));
    const child = slot.get();
    expect(slot.exited(child)).toBe(true);
    expect(slot.exited(child)).toBe(false);
    slot.dispose();
    expect(() => slot.get()).toThrow('the analysis host is closed');
    expect(spawned).toBe(1);
  });
});
