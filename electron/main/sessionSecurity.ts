import type { Session } from 'electron';

export interface SessionPolicy {
  /** Network origins (scheme://host[:port]) a page may load from: none, except the dev server in `npm run dev`. */
  allowedNetworkOrigins: readonly string[];
}

const NETWORK_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

/**
 * No remote content (Electron security checklist item 1): every network request is refused unless
 * it goes to an allowed origin. Local schemes (the app's own scheme, data:, blob:, devtools:) pass;
 * a URL that does not parse does not.
 */
export function isRequestAllowed(url: string, policy: SessionPolicy): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!NETWORK_SCHEMES.has(parsed.protocol)) return true;
  return policy.allowedNetworkOrigins.includes(`${parsed.protocol}//${parsed.host}`);
}

const hardened = new WeakSet<Session>();

/**
 * Checklist item 5: Electron grants every permission request by default (camera, notifications,
 * HID, …); this app needs none. Plus the network block above.
 */
export function hardenSession(ses: Session, policy: SessionPolicy): void {
  if (hardened.has(ses)) return;
  hardened.add(ses);
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    callback({ cancel: !isRequestAllowed(details.url, policy) });
  });
}
