/** What is known when the analysis utility process ends without finishing its jobs. */
export interface UtilityExit {
  code: number;
  /** From the utility's `error` event (V8 fatal error), e.g. "Reached heap limit". */
  fatalLocation?: string;
  /** The last few KB of the process's stderr. */
  stderrTail: string;
}

const OUT_OF_MEMORY = /heap out of memory|reached heap limit|allocation failed|out of memory|\boom\b/i;

/** The reason shown to the user: an out-of-memory is said plainly, anything else with its code. */
export function describeUtilityExit(exit: UtilityExit): string {
  if (OUT_OF_MEMORY.test(exit.fatalLocation ?? '') || OUT_OF_MEMORY.test(exit.stderrTail)) return 'ran out of memory';
  const lastLines = exit.stderrTail.trim().split('\n').slice(-3).join(' | ');
  const fatal = exit.fatalLocation ? `, fatal error in ${exit.fatalLocation}` : '';
  return `exited unexpectedly (code ${exit.code}${fatal}${lastLines ? `: ${lastLines}` : ''})`;
}
