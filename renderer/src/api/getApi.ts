import type { AftermathApi } from '../../../analyzers/app/api/appApi';
import { createBrowserApi } from './browserApi';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode. */
    aftermath?: AftermathApi;
  }
}

/** The desktop preload's API when present, else the HTTP shim of `aftermath serve`. */
export function getApi(): AftermathApi {
  return window.aftermath ?? createBrowserApi();
}
