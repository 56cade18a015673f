import { captureTrend, type CaptureTrend } from '../core/captureTrend';
import type { ParsedSnapshot } from './heapModel';

/** One class over the snapshots of one process: its instance count and shallow size, each with its trend. */
export interface ClassTrend {
  className: string;
  count: CaptureTrend;
  shallowBytes: CaptureTrend;
}

export interface ClassTrendReport {
  /** File names, oldest first (the order of the snapshots' own object ids). */
  snapshots: string[];
  /** Classes that changed by at least `MIN_CHANGE_COUNT` objects or `MIN_CHANGE_BYTES`, most bytes added first. */
  classes: ClassTrend[];
}

const MIN_CHANGE_COUNT = 10;
const MIN_CHANGE_BYTES = 64 * 1024;
const MAX_CLASSES = 20;

/**
 * Per class, the trend over any number of snapshots of one process (oldest first): a least-squares
 * line per snapshot, how many snapshots kept rising, and whether the class is still growing or
 * reached its steady size (a bounded cache fills, then holds). DevTools compares two snapshots and
 * memlab three; a leak and a cache that is still warming up look the same there.
 */
export function classTrends(models: readonly ParsedSnapshot[]): ClassTrendReport {
  const rows = models.map((m) => new Map(m.summary.constructors.map((c) => [c.name, c])));
  const names = new Set(rows.flatMap((r) => [...r.keys()]));
  const classes: ClassTrend[] = [];
  for (const className of names) {
    const counts = rows.map((r) => r.get(className)?.count ?? 0);
    const sizes = rows.map((r) => r.get(className)?.shallowBytes ?? 0);
    const span = (v: number[]) => Math.max(...v) - Math.min(...v);
    if (span(counts) < MIN_CHANGE_COUNT && span(sizes) < MIN_CHANGE_BYTES) continue;
    classes.push({ className, count: captureTrend(counts), shallowBytes: captureTrend(sizes) });
  }
  const added = (t: ClassTrend) => t.shallowBytes.values[t.shallowBytes.values.length - 1] - t.shallowBytes.values[0];
  classes.sort((a, b) => added(b) - added(a) || a.className.localeCompare(b.className));
  return { snapshots: models.map((m) => m.graph.file), classes: classes.slice(0, MAX_CLASSES) };
}
