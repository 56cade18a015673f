import type { TrustedOrigin } from './appOrigin';

/** The part of an IPC event the check needs: the frame that sent it (null once it is gone). */
export interface SenderEvent {
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * True when the URL is one of the app's own pages. Parsed, not prefix-matched
 * (`app://aftermath.evil` and `app://aftermath@evil` must fail); custom schemes have an opaque
 * WHATWG origin ('null'), so scheme and host are compared instead.
 */
export function isTrustedUrl(url: string, trusted: readonly TrustedOrigin[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  return trusted.some((o) => o.protocol === parsed.protocol && o.host === parsed.host);
}

/**
 * Electron security checklist item 17: every IPC handler checks who is calling. Only the app's
 * top-level frame may; a sub-frame or a page from anywhere else (after a navigation that slipped
 * through, an injected iframe) is refused.
 */
export function checkSender(event: SenderEvent, trusted: readonly TrustedOrigin[]): { ok: true } | { ok: false; reason: string } {
  const frame = event.senderFrame;
  if (!frame) return { ok: false, reason: 'the sending frame is gone' };
  if (frame.parent) return { ok: false, reason: 'sub-frames may not call the app' };
  if (!isTrustedUrl(frame.url, trusted)) return { ok: false, reason: `untrusted sender ${frame.url || '(no URL)'}` };
  return { ok: true };
}
