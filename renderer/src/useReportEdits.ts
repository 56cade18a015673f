import { useCallback, useEffect, useRef, useState } from 'react';
import type { AftermathApi } from '../../analyzers/app/api/appApi';
import type { ReportEdits } from '../../analyzers/case/reportEdits';
import { sameEdits } from './sameEdits';

const NONE: ReportEdits = {};

/**
 * The report edits of the open case. They belong to the case, not to the report tab: they outlive
 * tab switches and re-analyses (the generated parts change, what the user typed stays), and they
 * are "unsaved" until a case file holding them is written. A reopened case brings the edits saved
 * in it, unless the user has already typed something.
 *
 * Leaving the page with unsaved edits (closing, reloading) asks first. The page vetoes the unload in
 * `beforeunload` in both hosts: the browser then shows its "Leave site?" dialog; Electron shows
 * nothing and tells its main process, which asks (electron/main/unloadGuard.ts). The desktop app's
 * main is also told of the edits (`reportEditsChanged`), so that its window close and View › Reload
 * ask before the page is unloaded, and the page's veto of an unload the user agreed to goes through.
 */
export function useReportEdits(api: AftermathApi, fromCase: ReportEdits | undefined) {
  const [edits, setEdits] = useState<ReportEdits>(NONE);
  const [saved, setSaved] = useState<ReportEdits>(NONE);
  const editsRef = useRef(edits);
  editsRef.current = edits;

  // Each analysis result brings its own object, so a re-analysis of a reopened case adopts it again.
  useEffect(() => {
    if (!fromCase) return;
    setSaved(fromCase);
    if (sameEdits(editsRef.current, NONE)) setEdits(fromCase);
  }, [fromCase]);

  const unsaved = !sameEdits(edits, saved);

  useEffect(() => {
    api.reportEditsChanged?.(edits, unsaved);
  }, [api, edits, unsaved]);

  useEffect(() => api.onEditsSaved?.((written) => setSaved(written)), [api]);

  useEffect(() => {
    if (!unsaved) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Chromium still wants returnValue set before it shows its "Leave site?" dialog.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);

  /** A case file with these edits was written. */
  const markSaved = useCallback((written: ReportEdits) => setSaved(written), []);

  return { edits, setEdits, unsaved, markSaved };
}

export type ReportEditsState = ReturnType<typeof useReportEdits>;
