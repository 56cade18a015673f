/** What is known when an analysis process ends without finishing its jobs. */
export interface ProcessExit {
  code: number | null;
  /** The signal that ended it (a Node child process killed from outside). */
  signal?: string | null;
  /** From an Electron utility process's `error` event (V8 fatal error), e.g. "Reached heap limit". */
  fatalLocation?: string;
  /** The last few KB of the process's stderr. */
  stderrTail: string;
}

const OUT_OF_MEMORY = /heap out of memory|reached heap limit|allocation failed|out of memory|\boom\b/i;

/** The reason shown to the user: an out-of-memory is said plainly, anything else with its code or signal. */
export function describeExit(exit: ProcessExit): string {
  if (OUT_OF_MEMORY.test(exit.fatalLocation ?? '') || OUT_OF_MEMORY.test(exit.stderrTail)) return 'ran out of memory';
  if (exit.signal) return `was killed (${exit.signal})`;
  const lastLines = exit.stderrTail.trim().split('\n').slice(-3).join(' | ');
  const fatal = exit.fatalLocation ? `, fatal error in ${exit.fatalLocation}` : '';
  return `exited unexpectedly (code ${exit.code}${fatal}${lastLines ? `: ${lastLines}` : ''})`;
}

/** The last `max` characters of what a process wrote on stderr, kept as it arrives. */
export function stderrTail(max = 8_000): { add(chunk: Buffer): void; readonly text: string } {
  let text = '';
  return {
    add: (chunk) => {
      text = (text + chunk.toString()).slice(-max);
    },
    get text() {
      return text;
    },
  };
}
