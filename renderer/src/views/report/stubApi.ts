import type { AftermathApi } from '../../../../analyzers/app/api/appApi';

/** An AftermathApi with no files and no jobs, for showing a panel on a finished case outside the app (tests, harnesses). */
export function stubApi(host: AftermathApi['host'], exportReport: AftermathApi['exportReport']): AftermathApi {
  return {
    host,
    initialFiles: async () => [],
    chooseFiles: async () => [],
    addDroppedFiles: async () => [],
    startAnalysis: async () => 'job-1',
    cancelAnalysis: async () => {},
    onJobEvent: () => () => {},
    exportReport,
    queryCase: async () => ({ status: 'error', message: 'this panel has no case database behind it' }),
    exploreHeap: async () => ({ kind: 'error', message: 'this panel has no analysis process behind it' }),
    releaseCase: async () => {},
  };
}
