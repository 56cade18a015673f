export interface Progress {
  /** Display name of the file being worked on. */
  file: string;
  /** What is happening now, e.g. `parsing nodes`, `dominators`. */
  phase: string;
  done: number;
  total: number;
  /** 0–100 over the whole phase. */
  percent: number;
  /** 0–100 over the whole case (every file and the analysis), when the pipeline knows it. */
  overallPercent?: number;
}

export type ProgressSink = (p: Progress) => void;

/**
 * Limits progress events to about 10 per second: a parser reports per chunk, and flooding the
 * IPC channel with thousands of events per second would slow the very work it reports on.
 */
export function throttleProgress(sink: ProgressSink, intervalMs = 100): ProgressSink {
  let last = 0;
  let lastPhase = '';
  return (p) => {
    const now = Date.now();
    if (p.phase !== lastPhase || p.percent >= 100 || now - last >= intervalMs) {
      last = now;
      lastPhase = p.phase;
      sink(p);
    }
  };
}

/**
 * A step that is one part of a longer one: its 0–100 % mapped onto `from`–`to` % of the whole, so
 * that a loader with several phases reports one percentage that only moves forward.
 */
export function progressSpan(sink: ProgressSink, from: number, to: number): ProgressSink {
  return (p) => sink({ ...p, percent: from + ((to - from) * Math.max(0, Math.min(100, p.percent))) / 100 });
}
