import type { AftermathApi, ExportOutcome, FileRef, JobEvent } from '../../../analyzers/app/api/appApi';
import type { CaseQueryResult } from '../../../analyzers/case/queryRows';
import type { HeapAnswer } from '../../../analyzers/heap/viewExplorer';

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
    addDroppedFiles: async (files, onUpload) => {
      const refs: FileRef[] = [];
      const totalBytes = files.reduce((n, f) => n + f.size, 0);
      let before = 0;
      for (const file of files) {
        const sentBefore = before;
        refs.push(await upload(file, (sent) => onUpload?.({ file: file.name, sentBytes: sentBefore + sent, totalBytes })));
        before += file.size;
      }
      return refs;
    },
    startAnalysis: async (fileIds, options, baselineFileIds) => {
      ensureEvents();
      return (await call<{ jobId: string }>('POST', '/api/jobs', { fileIds, options, baselineFileIds })).jobId;
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
    exploreHeap: (jobId, query) => call<HeapAnswer>('POST', '/api/explore', { jobId, query }),
    releaseCase: async (jobId) => {
      await call('POST', `/api/jobs/${encodeURIComponent(jobId)}/release`);
    },
  };
}

/** One file to `/api/upload`; XMLHttpRequest because fetch cannot report how much of a body was sent. */
function upload(file: File, onSent: (bytes: number) => void): Promise<FileRef> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/upload?name=${encodeURIComponent(file.name)}`);
    xhr.upload.onprogress = (e) => onSent(e.loaded);
    xhr.onload = () => {
      if (xhr.status !== 200) return reject(new Error(`uploading ${file.name} failed: ${xhr.responseText}`));
      try {
        resolve(JSON.parse(xhr.responseText) as FileRef);
      } catch {
        reject(new Error(`uploading ${file.name} failed: the server's answer is not JSON`));
      }
    };
    xhr.onerror = () => reject(new Error(`uploading ${file.name} failed: the connection to aftermath serve was lost`));
    xhr.send(file);
  });
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
