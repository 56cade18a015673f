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

/** What a class is to the judgment: the program's own (findings are about these), a container, or V8's. */
export type ClassRole = 'program' | 'container' | 'runtime';

export function classRole(className: string): ClassRole {
  return isRuntimeClass(className) ? 'runtime' : isContainerClass(className) ? 'container' : 'program';
}

const ROLE_ORDER: readonly ClassRole[] = ['program', 'container', 'runtime'];

/** Every class in the order the findings judge them: the program's first, then containers, then V8's (most bytes added first within each). */
export function byRole(classes: readonly ClassTrend[]): ClassTrend[] {
  return [...classes].sort((a, b) => ROLE_ORDER.indexOf(classRole(a.className)) - ROLE_ORDER.indexOf(classRole(b.className)));
}

/**
 * The classes worth a line in a chart: still growing, or levelled off after a rise; the program's
 * classes before the containers that grow with them, V8's own groups never.
 */
export function chartedClasses(report: ClassTrendReport, max: number): ClassTrend[] {
  return byRole(report.classes.filter((c) => (c.count.shape === 'growing' || c.count.shape === 'plateau') && classRole(c.className) !== 'runtime')).slice(0, max);
}
