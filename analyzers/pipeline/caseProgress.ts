import type { Progress, ProgressSink } from '../core/progress';

/** The analyses' cost against the loads of their inputs (bench:e2e, heap snapshots: about a quarter). */
const ANALYSIS_SHARE = 0.25;

/**
 * One overall percentage for a whole case, on top of each step's own: every load and every
 * capability's analysis is a slice weighted by its input bytes, and each step's own percent (over
 * its whole step) fills its slice. Several files may load at once; the overall percentage only moves
 * forward while the phase text says what is happening now.
 */
export class CaseProgress {
  private readonly done = new Map<string, number>();
  private readonly weights = new Map<string, number>();
  private total = 0;
  private reported = 0;

  constructor(private readonly sink: ProgressSink) {}

  /** A step of `weight` (input bytes) the bar must make room for before any step reports. */
  plan(key: string, weight: number): void {
    const w = Math.max(1, weight);
    this.total += w - (this.weights.get(key) ?? 0);
    this.weights.set(key, w);
  }

  /** Plans the analysis of a capability whose inputs weigh `inputWeight` (reused inputs included). */
  planAnalysis(key: string, inputWeight: number): void {
    this.plan(key, inputWeight * ANALYSIS_SHARE);
  }

  /** The sink a step reports into: its event goes on with the case's percentage as `overallPercent`. */
  step(key: string): ProgressSink {
    return (p: Progress) => {
      const fraction = Math.min(1, Math.max(this.done.get(key) ?? 0, p.percent / 100));
      this.done.set(key, fraction);
      let filled = 0;
      for (const [k, w] of this.weights) filled += w * (this.done.get(k) ?? 0);
      // Never backwards, whichever of the files loading at once reports.
      this.reported = Math.max(this.reported, this.total > 0 ? (100 * filled) / this.total : 0);
      this.sink({ ...p, overallPercent: this.reported });
    };
  }
}
