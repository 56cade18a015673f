/**
 * The policy of every page of the UI, sent as a header by both hosts (the `app://` protocol of the
 * desktop app and `aftermath serve`): only the app's own scripts, no inline script, no network
 * beyond its own origin, so text from a crafted dump can never become code.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
