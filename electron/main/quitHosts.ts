import type { AnalysisRunner } from './analysisHost';

/** The one app event the wiring listens to (Electron's `app`; an emitter in tests). */
export interface QuittingApp {
  on(event: 'will-quit', listener: () => void): unknown;
}

/**
 * The analysis hosts end with the app, on `will-quit` rather than `before-quit`: `before-quit` comes
 * before the windows' `close`, where the unsaved-edits guard may cancel the quit, and the app would go
 * on with its hosts gone. A cancelled quit never emits `will-quit`.
 */
export function disposeHostsOnQuit(app: QuittingApp, hosts: readonly Pick<AnalysisRunner, 'dispose'>[]): void {
  app.on('will-quit', () => {
    for (const host of hosts) host.dispose();
  });
}
