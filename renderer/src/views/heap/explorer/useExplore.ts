import { useEffect, useState } from 'react';
import type { AftermathApi, JobId } from '../../../../../analyzers/app/api/appApi';
import type { HeapAnswer, HeapQuery } from '../../../../../analyzers/heap/viewExplorer';

/** One answer of the analysis process to `query` (re-asked when the query changes; a stale answer is dropped). */
export function useExplore(api: AftermathApi, jobId: JobId, query: HeapQuery | undefined): HeapAnswer | undefined {
  const key = query === undefined ? '' : JSON.stringify(query);
  const [answer, setAnswer] = useState<{ key: string; answer: HeapAnswer }>();
  useEffect(() => {
    if (!key) return;
    let current = true;
    api.exploreHeap(jobId, JSON.parse(key) as HeapQuery).then(
      (a) => current && setAnswer({ key, answer: a }),
      (e: unknown) => current && setAnswer({ key, answer: { kind: 'error', message: e instanceof Error ? e.message : String(e) } }),
    );
    return () => {
      current = false;
    };
  }, [api, jobId, key]);
  return answer?.key === key ? answer.answer : undefined;
}

/** The answer if it is of `kind`; an error answer is shown by the caller. */
export function answerOf<K extends HeapAnswer['kind']>(answer: HeapAnswer | undefined, kind: K): (HeapAnswer & { kind: K }) | undefined {
  return answer?.kind === kind ? (answer as HeapAnswer & { kind: K }) : undefined;
}
