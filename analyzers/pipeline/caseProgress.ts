import type { Progress, ProgressSink } from '../core/progress';

/** The analysis after parsing, as a share of the whole, whatever the case: parsing dominates. */
const ANALYSIS_SHARE = 0.1;

/**
 * One overall percentage for a whole case, on top of each step's own: every file to parse counts by
 * its size, the analysis of all of them by a tenth of the total, so the bar only moves forward
 * while the phase text says what is happening now.
 */
export class CaseProgress {
  private readonly totalWeight: number;
  private doneWeight = 0;

  constructor(
    private readonly sink: ProgressSink,
    fileSizes: readonly number[],
  ) {
    const bytes = fileSizes.reduce((a, b) => a + b, 0);
    this.totalWeight = Math.max(1, bytes * (1 + ANALYSIS_SHARE));
  }

  /** The sink for parsing one file of `sizeBytes`; call `done` when it is loaded. */
  file(sizeBytes: number): { onProgress: ProgressSink; done: () => void } {
    const base = this.doneWeight;
    return {
      onProgress: (p) => this.emit(p, base + (sizeBytes * clamp(p.percent)) / 100),
      done: () => {
        this.doneWeight = base + sizeBytes;
      },
    };
  }

  /** The sink for the analysis step `index` of `count` (one per capability with inputs). */
  analysis(index: number, count: number): ProgressSink {
    const parsed = this.totalWeight / (1 + ANALYSIS_SHARE);
    const share = this.totalWeight - parsed;
    return (p) => this.emit(p, parsed + (share * (index + clamp(p.percent) / 100)) / Math.max(1, count));
  }

  private emit(p: Progress, weight: number): void {
    this.sink({ ...p, overallPercent: clamp((100 * weight) / this.totalWeight) });
  }
}

const clamp = (percent: number): number => Math.max(0, Math.min(100, percent));
