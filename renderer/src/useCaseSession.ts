import { useCallback, useEffect, useRef, useState } from 'react';
import type { AftermathApi, FileRef, JobEvent, JobId } from '../../analyzers/app/api/appApi';
import type { Progress } from '../../analyzers/core/progress';
import type { UploadProgress } from '../../analyzers/app/api/appApi';
import type { CaseOptions } from '../../analyzers/ingest/caseOptions';
import type { CaseResult } from '../../analyzers/case/caseResult';
import { drawnAtMost } from './drawnAtMost';

/** Where a long step is: its phase, one percentage for all of it, and the time left once it can be told. */
export interface StepProgress {
  /** What is happening now, e.g. `game-1.heapsnapshot: parsing nodes`. */
  phase: string;
  /** 0–100 over the whole step (every file and the analysis; every file uploaded). */
  percent: number;
  startedAtMs: number;
  etaMs?: number;
}

export type CaseState =
  | { status: 'idle' }
  | { status: 'uploading'; progress: StepProgress }
  | { status: 'running'; jobId: JobId; progress?: StepProgress }
  | { status: 'done'; jobId: JobId; result: CaseResult }
  | { status: 'failed'; message: string }
  | { status: 'cancelled' };

/** Before this much of the step and this long, a time left would be a guess. */
const ETA_MIN_PERCENT = 2;
const ETA_MIN_ELAPSED_MS = 1_500;

function stepProgress(phase: string, percent: number, startedAtMs: number): StepProgress {
  const elapsed = Date.now() - startedAtMs;
  const p = Math.max(0, Math.min(100, percent));
  const etaMs = p >= ETA_MIN_PERCENT && p < 100 && elapsed >= ETA_MIN_ELAPSED_MS ? (elapsed * (100 - p)) / p : undefined;
  return { phase, percent: p, startedAtMs, etaMs };
}

/**
 * The progress panel is drawn again at most this often. The analysis posts progress every 100 ms, and
 * each drawing is a render, a style, a layout, a paint and a composited frame, taken from the cores
 * the analysis itself runs on.
 */
const PROGRESS_REDRAW_MS = 500;

type ProgressEvent = Extract<JobEvent, { type: 'progress' }>;

/**
 * Where the analysis starts on the step's bar: 0, or after the upload that brought its files. The
 * upload's share is a fixed guess: on the loopback the server listens on, sending a file takes a
 * fraction of the time parsing it does, and a bar must neither restart nor stall at the hand-over.
 */
const UPLOAD_SHARE_PERCENT = 10;

interface Step {
  startedAtMs: number;
  /** The share of the bar done before the analysis began. */
  beforePercent: number;
}

const analysisProgress = (p: Progress, step: Step) =>
  stepProgress(`${p.file}: ${p.phase}`, step.beforePercent + ((p.overallPercent ?? p.percent) * (100 - step.beforePercent)) / 100, step.startedAtMs);
const uploadProgress = (u: UploadProgress, startedAtMs: number) =>
  stepProgress(`Uploading ${u.file}`, (u.totalBytes > 0 ? u.sentBytes / u.totalBytes : 1) * UPLOAD_SHARE_PERCENT, startedAtMs);

/**
 * The files of the open case and the analysis job over them. Adding files re-analyzes the whole
 * case, because analyses such as three-snapshot leak detection look at all inputs together.
 */
export function useCaseSession(api: AftermathApi) {
  const [files, setFiles] = useState<FileRef[]>([]);
  const [state, setState] = useState<CaseState>({ status: 'idle' });
  // The last finished analysis, shown while the case is analyzed again (App): gone with the case.
  const [lastDone, setLastDone] = useState<Extract<CaseState, { status: 'done' }>>();
  const stateRef = useRef(state);
  stateRef.current = state;
  const currentJob = useRef<JobId | undefined>(undefined);
  const filesRef = useRef<FileRef[]>([]);
  const [options, setOptionsState] = useState<CaseOptions>({});
  // Files marked as the baseline: analyzed apart, and the case compared with them (the Before/after tab).
  const [baseline, setBaseline] = useState<ReadonlySet<string>>(new Set());
  const baselineRef = useRef<ReadonlySet<string>>(new Set());
  const optionsRef = useRef<CaseOptions>({});

  // A small case can finish before `startAnalysis` has told us its job id: its events wait here.
  const early = useRef(new Map<JobId, JobEvent>());
  const step = useRef<Step>({ startedAtMs: 0, beforePercent: 0 });
  // An upload's files are analyzed as the rest of its step, on the same bar.
  const uploaded = useRef<Step | undefined>(undefined);

  const [progress] = useState(() =>
    drawnAtMost<ProgressEvent>(PROGRESS_REDRAW_MS, (event) => {
      // A job started meanwhile has its own progress.
      if (event.jobId === currentJob.current) setState({ status: 'running', jobId: event.jobId, progress: analysisProgress(event.progress, step.current) });
    }),
  );

  const apply = useCallback((event: JobEvent) => {
    if (event.type === 'progress') return progress.push(event);
    progress.stop();
    switch (event.type) {
      case 'result': {
        const done = { status: 'done' as const, jobId: event.jobId, result: event.result };
        setState(done);
        setLastDone(done);
        break;
      }
      case 'error':
        setState({ status: 'failed', message: event.message });
        break;
      case 'cancelled':
        setState({ status: 'cancelled' });
        break;
    }
  }, [progress]);

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
  useEffect(() => () => progress.stop(), [progress]);

  const analyze = useCallback(
    async (all: FileRef[]) => {
      if (all.length === 0) return;
      // A new analysis of the case supersedes the one still running.
      if (currentJob.current !== undefined && stateRef.current.status === 'running') void api.cancelAnalysis(currentJob.current);
      const baseline = all.filter((f) => baselineRef.current.has(f.id)).map((f) => f.id);
      const candidate = all.filter((f) => !baselineRef.current.has(f.id)).map((f) => f.id);
      if (candidate.length === 0) {
        setState({ status: 'failed', message: 'Every file is marked as the baseline: leave at least one as the case compared with it.' });
        return;
      }
      try {
        const jobId = await api.startAnalysis(candidate, optionsRef.current, baseline.length ? baseline : undefined);
        currentJob.current = jobId;
        step.current = uploaded.current ?? { startedAtMs: Date.now(), beforePercent: 0 };
        uploaded.current = undefined;
        setState({ status: 'running', jobId, progress: step.current.beforePercent > 0 ? stepProgress('Analyzing', step.current.beforePercent, step.current.startedAtMs) : undefined });
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
      if (fresh.length === 0) return false;
      const next = [...prev, ...fresh];
      filesRef.current = next;
      setFiles(next);
      void analyze(next);
      return true;
    },
    [analyze],
  );

  /** Takes a file out of the case (a bad one, say) and analyzes what is left. */
  const removeFile = useCallback(
    (fileId: string) => {
      const next = filesRef.current.filter((f) => f.id !== fileId);
      if (next.length === filesRef.current.length) return;
      filesRef.current = next;
      setFiles(next);
      if (next.length > 0) void analyze(next);
      else {
        if (currentJob.current !== undefined && stateRef.current.status === 'running') void api.cancelAnalysis(currentJob.current);
        // The case is closed: the analysis process lets its snapshot graphs go.
        if (currentJob.current !== undefined) void api.releaseCase(currentJob.current).catch(() => undefined);
        currentJob.current = undefined;
        setState({ status: 'idle' });
        setLastDone(undefined);
      }
    },
    [analyze, api],
  );

  /** Marks a file as evidence of the baseline, or back as part of the case; the case is analyzed again. */
  const toggleBaseline = useCallback(
    (fileId: string) => {
      const next = new Set(baselineRef.current);
      if (!next.delete(fileId)) next.add(fileId);
      baselineRef.current = next;
      setBaseline(next);
      void analyze(filesRef.current);
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

  /** Dropped or picked files: uploaded (browser, with progress) or resolved (desktop), then analyzed with the case. */
  const upload = useCallback(
    (chosen: File[]) => {
      if (chosen.length === 0) return;
      const began = Date.now();
      const before = stateRef.current;
      // In the browser, the bar at once, not at the first progress event (sent every 50 ms or so); the
      // desktop app uploads nothing (it is handed the files' paths).
      if (api.host === 'browser') setState({ status: 'uploading', progress: uploadProgress({ file: chosen[0].name, sentBytes: 0, totalBytes: chosen.reduce((n, f) => n + f.size, 0) }, began) });
      api.addDroppedFiles(chosen, (u) => setState({ status: 'uploading', progress: uploadProgress(u, began) })).then(
        (refs) => {
          uploaded.current = { startedAtMs: began, beforePercent: UPLOAD_SHARE_PERCENT };
          // Files already in the case: nothing to analyze again, so the screen goes back to what it showed.
          if (!addFiles(refs)) {
            uploaded.current = undefined;
            setState(before);
          }
        },
        (e: unknown) => fail(e instanceof Error ? e.message : String(e)),
      );
    },
    [api, addFiles, fail],
  );

  useEffect(() => api.onFilesOpened?.(addFiles), [api, addFiles]);

  useEffect(() => {
    api.initialFiles().then(addFiles, (e: unknown) => fail(e instanceof Error ? e.message : String(e)));
  }, [api, addFiles, fail]);

  return { files, baseline, toggleBaseline, state, lastDone, options, setOptions, addFiles, removeFile, upload, cancel, fail };
}
