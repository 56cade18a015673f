import type { AftermathApi, ExportOutcome, FileRef, JobEvent } from '../../../analyzers/app/api/appApi';
import type { CaseQueryResult } from '../../../analyzers/case/queryRows';

/**
 * `AftermathApi` over HTTP for `aftermath serve`. The page was opened with the token in its URL;
 * the server answered with an HttpOnly SameSite=Strict cookie, which same-origin fetches carry.
 */
export function createBrowserApi(): AftermathApi {
  const listeners = new Set<(e: JobEvent) => void>();
  let source: EventSource | undefined;
  const ensureEvents = () => {
    if (source) return;
    source = new EventSource('/api/events');
    source.onmessage = (m: MessageEvent<string>) => {
      const event = JSON.parse(m.data) as JobEvent;
      for (const l of listeners) l(event);
    };
  };
  // Drop the token from the address bar so it is not left in history or shown in screenshots.
  if (new URL(window.location.href).searchParams.has('token')) window.history.replaceState(null, '', '/');

  return {
    host: 'browser',
    initialFiles: () => call<FileRef[]>('GET', '/api/files'),
    chooseFiles: async () => [],
    addDroppedFiles: async (files) => {
      const refs: FileRef[] = [];
      for (const file of files) {
        const res = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file });
        if (!res.ok) throw new Error(`uploading ${file.name} failed: ${await res.text()}`);
        refs.push((await res.json()) as FileRef);
      }
      return refs;
    },
    startAnalysis: async (fileIds, options) => {
      ensureEvents();
      return (await call<{ jobId: string }>('POST', '/api/jobs', { fileIds, options })).jobId;
    },
    cancelAnalysis: async (jobId) => {
      await call('POST', `/api/jobs/${encodeURIComponent(jobId)}/cancel`);
    },
    onJobEvent: (listener) => {
      ensureEvents();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    exportReport: async (request): Promise<ExportOutcome> => {
      const res = await fetch('/api/export', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
      if (!res.ok) return { status: 'error', message: await res.text() };
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `report.${request.format}`;
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { status: 'saved', name };
    },
    queryCase: (jobId, sql) => call<CaseQueryResult>('POST', '/api/query', { jobId, sql }),
  };
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
