import type { ClassTrend, ClassTrendReport } from './classTrends';

/** V8's and the runtime's own groups (`(string)`, `(compiled code)`, `system / Context`) grow with whatever the program does. */
export function isRuntimeClass(className: string): boolean {
  return /^\(.*\)$|^system \/ /.test(className);
}

/**
 * Built-in containers grow with the program classes that hold them (a leaked Player's friends and
 * inventory Arrays): their trend is shown, but the finding is about the class that owns them.
 */
export function isContainerClass(className: string): boolean {
  return /^(Array|Object|Map|Set)$/.test(className);
}

/** The program's classes worth a line in a chart: still growing, or levelled off after a rise (most bytes added first). */
export function chartedClasses(report: ClassTrendReport, max: number): ClassTrend[] {
  return report.classes.filter((c) => (c.count.shape === 'growing' || c.count.shape === 'plateau') && !isRuntimeClass(c.className)).slice(0, max);
}
