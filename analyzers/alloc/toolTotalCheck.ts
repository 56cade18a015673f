import { formatBytes } from '../core/byteFormat';
import type { LeakReport } from './model';
import { TOOL_NAMES } from './viewText';
import { groupDigits } from '../core/numberFormat';

/**
 * Whether the parsed records add up to the total the tool printed itself: the user's evidence that
 * nothing was lost (or counted twice) between the tool's report and Aftermath's tables.
 * `not-applicable`: the tool prints no total in this format (Valgrind's XML) or the total is the
 * records' own sum (event logs); `no-total`: the tool's total line is missing (a report cut short?).
 */
export interface ToolTotalCheck {
  status: 'matches' | 'differs' | 'no-total' | 'not-applicable';
  text: string;
}

export function toolTotalCheck(report: Pick<LeakReport, 'tool' | 'toolTotals'>, recordBytes: number): ToolTotalCheck {
  const { tool } = report;
  const printed = report.toolTotals.leakedBytes;
  if (tool === 'valgrind') {
    return { status: 'not-applicable', text: 'Valgrind writes no leak summary in its XML; compare with the LEAK SUMMARY of a text log of the same run.' };
  }
  if (tool === 'v8-heap-profile' || tool === 'pprof') return { status: 'not-applicable', text: 'A sampling profile: its sites are estimates scaled from the samples, and their sum is its only total.' };
  if (tool === 'event-log') return { status: 'not-applicable', text: 'Computed from the events: allocations minus frees at the end of the log.' };
  if (printed === undefined) return { status: 'no-total', text: `${TOOL_NAMES[tool]} printed no total (the report may be cut short).` };
  const what = tool === 'lsan' ? 'SUMMARY' : '"total memory leaked"';
  const difference = recordBytes - printed;
  if (difference === 0) return { status: 'matches', text: `Matches the tool's ${what}: ${formatBytes(printed)}.` };
  const rounding = report.toolTotals.leakedBytesRounding ?? 0;
  if (Math.abs(difference) <= rounding) {
    return { status: 'matches', text: `Matches the tool's ${what} (${formatBytes(printed)}) within the rounding of the sizes it prints (${groupDigits(Math.abs(difference))} bytes apart).` };
  }
  return {
    status: 'differs',
    text: `The tool's ${what} says ${formatBytes(printed)}; the records add up to ${difference > 0 ? 'more' : 'less'} by ${groupDigits(Math.abs(difference))} bytes.`,
  };
}
