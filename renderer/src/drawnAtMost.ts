/** A value shown now and then: the first at once, then at most one every `everyMs`, the latest that came meanwhile. */
export interface DrawnAtMost<T> {
  push(value: T): void;
  /** Drops a value still waiting and the wait itself: the next value is drawn at once. */
  stop(): void;
}

export function drawnAtMost<T>(everyMs: number, draw: (value: T) => void): DrawnAtMost<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiting: { value: T } | undefined;
  const show = (value: T) => {
    draw(value);
    timer = setTimeout(() => {
      timer = undefined;
      const next = waiting;
      waiting = undefined;
      if (next) show(next.value);
    }, everyMs);
  };
  return {
    push: (value) => {
      if (timer === undefined) show(value);
      else waiting = { value };
    },
    stop: () => {
      clearTimeout(timer);
      timer = undefined;
      waiting = undefined;
    },
  };
}
