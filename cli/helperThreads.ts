import type { HelperThreads } from '../analyzers/core/helperThreads';
import { cycleSearchScript, graphIndexScript, parseScript } from './scriptLocations';

/** The helper threads of the CLI's analysis process. */
export const CLI_THREADS: HelperThreads = { heapIndexes: graphIndexScript, heapParse: parseScript, heapCycles: cycleSearchScript };
