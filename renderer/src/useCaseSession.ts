import { useCallback, useEffect, useRef, useState } from 'react';
import type { AftermathApi, FileRef, JobEvent, JobId } from '../../analyzers/app/api/appApi';
import type { Progress } from '../../analyzers/core/progress';
import type { CaseOptions } from '../../analyzers/ingest/caseOptions';
import type { CaseResult } from '../../analyzers/case/caseResult';

export type CaseState =
  | { status: 'idle' }
  | { status: 'running'; jobId: JobId; progress?: Progress }
  | { status: 'done'; jobId: JobId; result: CaseResult }
  | { status: 'failed'; message: string }
  | { status: 'cancelled' };

/**
 * The files of the open case and the analysis job over them. Adding files re-analyzes the whole
 * case, because analyses such as three-snapshot leak detection look at all inputs together.
 */
export function useCaseSession(api: AftermathApi) {
  const [files, setFiles] = useState<FileRef[]>([]);
  const [state, setState] = useState<CaseState>({ status: 'idle' });
  const stateRef = useRef(state);
  stateRef.current = state;
  const currentJob = useRef<JobId | undefined>(undefined);
  const filesRef = useRef<FileRef[]>([]);
  const [options, setOptionsState] = useState<CaseOptions>({});
  const optionsRef = useRef<CaseOptions>({});

  // A small case can finish before `startAnalysis` has told us its job id: its events wait here.
  const early = useRef(new Map<JobId, JobEvent>());

  const apply = useCallback((event: JobEvent) => {
    switch (event.type) {
      case 'progress':
        setState({ status: 'running', jobId: event.jobId, progress: event.progress });
        break;
      case 'result':
        setState({ status: 'done', jobId: event.jobId, result: event.result });
        break;
      case 'error':
        setState({ status: 'failed', message: event.message });
        break;
      case 'cancelled':
        setState({ status: 'cancelled' });
        break;
    }
  }, []);

  useEffect(
    () =>
      api.onJobEvent((event) => {
        if (event.jobId === currentJob.current) return apply(event);
        // Keep the latest event of each job we do not know yet; a final event wins over progress.
        const known = early.current.get(event.jobId);
        if (!known || known.type === 'progress') early.current.set(event.jobId, event);
        if (early.current.size > 16) early.current.delete(early.current.keys().next().value as JobId);
      }),
    [api, apply],
  );

  const analyze = useCallback(
    async (all: FileRef[]) => {
      if (all.length === 0) return;
      // A new analysis of the case supersedes the one still running.
      if (currentJob.current !== undefined && stateRef.current.status === 'running') void api.cancelAnalysis(currentJob.current);
      try {
        const jobId = await api.startAnalysis(
          all.map((f) => f.id),
          optionsRef.current,
        );
        currentJob.current = jobId;
        setState({ status: 'running', jobId });
        const waiting = early.current.get(jobId);
        early.current.clear();
        if (waiting) apply(waiting);
      } catch (e) {
        setState({ status: 'failed', message: e instanceof Error ? e.message : String(e) });
      }
    },
    [api, apply],
  );

  const addFiles = useCallback(
    (added: FileRef[]) => {
      const prev = filesRef.current;
      const fresh = added.filter((a) => !prev.some((p) => p.id === a.id));
      if (fresh.length === 0) return;
      const next = [...prev, ...fresh];
      filesRef.current = next;
      setFiles(next);
      void analyze(next);
    },
    [analyze],
  );

  const setOptions = useCallback(
    (next: CaseOptions) => {
      optionsRef.current = next;
      setOptionsState(next);
      void analyze(filesRef.current);
    },
    [analyze],
  );

  const cancel = useCallback(() => {
    if (currentJob.current) void api.cancelAnalysis(currentJob.current);
  }, [api]);

  const fail = useCallback((message: string) => setState({ status: 'failed', message }), []);

  useEffect(() => api.onFilesOpened?.(addFiles), [api, addFiles]);

  useEffect(() => {
    api.initialFiles().then(addFiles, (e: unknown) => fail(e instanceof Error ? e.message : String(e)));
  }, [api, addFiles, fail]);

  return { files, state, options, setOptions, addFiles, cancel, fail };
}
