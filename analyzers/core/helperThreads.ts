/**
 * A script the host can start as a worker thread. Where it lives depends on how the host was
 * built (TypeScript sources under tsx, the electron-vite bundle, the benchmark's bundle), so the
 * host names it and the analyzers never guess a path.
 */
export interface ThreadScript {
  url: URL;
  /** Node options for the thread (e.g. a TypeScript loader); the host's own when absent. */
  execArgv?: string[];
}

/** The helper threads a host offers. Work whose script is absent runs on the calling thread. */
export interface HelperThreads {
  /** analyzers/heap/graphIndexWorker: a heap snapshot's DFS numbering and root distances. */
  heapIndexes?: ThreadScript;
  /** analyzers/heap/parseWorker: parses one heap snapshot, so that several parse at once. */
  heapParse?: ThreadScript;
  /** analyzers/heap/cycleSearchWorker: the reference-cycle search, while the other heap analyses run. */
  heapCycles?: ThreadScript;
}
