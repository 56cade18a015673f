import { useEffect } from 'react';
import type { AftermathApi, JobId } from '../../../../../analyzers/app/api/appApi';
import { classesQuery, heapAnswersOf, treeQuery } from './heapAnswers';

/**
 * The explorer's first questions (the last snapshot's classes, the dominator tree's root), asked when
 * the page is next idle after a case with snapshots is shown: the explorer's first visit, and its
 * Dominators button, draw from the page in one render instead of the region, "Loading…", then the rows.
 * Both are small answers (a class list, a page of the root's children).
 */
export function useExplorerAhead(api: AftermathApi, jobId: JobId, snapshotCount: number): void {
  useEffect(() => {
    if (snapshotCount === 0) return;
    const ask = () => {
      const answers = heapAnswersOf(api, jobId);
      answers.prefetch(classesQuery(snapshotCount - 1, ''));
      answers.prefetch(treeQuery('dominated', snapshotCount - 1, undefined, 0));
    };
    if (typeof requestIdleCallback !== 'function') {
      const t = setTimeout(ask, 0);
      return () => clearTimeout(t);
    }
    const idle = requestIdleCallback(ask, { timeout: 1000 });
    return () => cancelIdleCallback(idle);
  }, [api, jobId, snapshotCount]);
}
