/** `2026-11-25 17:00:01 UTC` (milliseconds only when the input has them): incidents are told in UTC. */
export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  const withMs = iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
  return `${withMs.replace('T', ' ')} UTC`;
}
