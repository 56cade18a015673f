import type { LeakTool } from './model';

/** The tools' own names, for titles, tables and the native-memory tab. */
export const TOOL_NAMES: Record<LeakTool, string> = {
  lsan: 'LeakSanitizer',
  valgrind: 'Valgrind memcheck',
  heaptrack: 'heaptrack',
  'event-log': 'Allocation event log',
  'v8-heap-profile': 'V8 sampling heap profile',
  pprof: 'pprof heap profile',
};
