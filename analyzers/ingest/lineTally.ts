import { plural } from '../core/numberFormat';
import type { InputNotice } from './capability';

/**
 * Counts lines of one kind (not understood, program output...) so that a notice can say how many
 * and where the first one was, instead of one notice per line or silence.
 */
export class LineTally {
  count = 0;
  firstLine: number | undefined;

  add(lineNo: number): void {
    this.count++;
    if (this.firstLine === undefined) this.firstLine = lineNo;
  }

  /** `what` completes "N lines <what>", e.g. `not understood`. */
  notice(what: string): InputNotice | undefined {
    if (this.count === 0) return undefined;
    return {
      message: `${plural(this.count, 'line')} ${what}, first at line ${this.firstLine}`,
      line: this.firstLine,
    };
  }
}

/** One notice per tally that counted something; `what` completes "N lines <what>". */
export function tallyNotices(...tallies: [LineTally, string][]): InputNotice[] {
  return tallies.flatMap(([tally, what]) => {
    const notice = tally.notice(what);
    return notice ? [notice] : [];
  });
}
