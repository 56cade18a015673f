/** `2026-11-25 17:00:01 UTC` (milliseconds only when the input has them): incidents are told in UTC. */
export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  const withMs = iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
  return `${withMs.replace('T', ' ')} UTC`;
}

/**
 * An ISO 8601 time as `formatUtc` writes times, to the second (`2026-12-05 15:37:50 UTC`): when a case
 * was analyzed, where the milliseconds say nothing. Text that is not a time is shown as it is.
 */
export function formatIsoUtc(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? formatUtc(Math.floor(ms / 1000) * 1000) : iso;
}
