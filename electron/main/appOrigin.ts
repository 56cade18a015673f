/**
 * Where the app's own pages come from. The renderer is served from a privileged custom scheme
 * (Electron security checklist item 18: not file://, which would let a page read any file), so the
 * app has a real origin that the sender check and the navigation guard can compare against.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'aftermath';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** A page location the app trusts: scheme and host (with port), compared after URL parsing. */
export interface TrustedOrigin {
  protocol: string;
  host: string;
}

export const APP_ORIGIN: TrustedOrigin = { protocol: `${APP_SCHEME}:`, host: APP_HOST };

/**
 * The app origin, plus electron-vite's dev server when running `npm run dev` (never in a packaged
 * app: `devServerUrl` is only passed through when `app.isPackaged` is false).
 */
export function trustedOrigins(devServerUrl: string | undefined): TrustedOrigin[] {
  const origins = [APP_ORIGIN];
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    if (dev.protocol === 'http:' && (dev.hostname === 'localhost' || dev.hostname === '127.0.0.1')) {
      origins.push({ protocol: dev.protocol, host: dev.host });
    }
  }
  return origins;
}
