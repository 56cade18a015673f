/** `4 h 5 min`, `35 s`, `850 ms`: durations as people say them in a post-mortem. */
export function formatDuration(ms: number): string {
  const a = Math.abs(ms);
  if (a < 1000) return `${Math.round(ms)} ms`;
  if (a < 60_000) return `${Number((ms / 1000).toFixed(a < 10_000 ? 1 : 0))} s`;
  const totalMin = Math.round(ms / 60_000);
  if (Math.abs(totalMin) < 60) return `${totalMin} min`;
  const h = Math.trunc(totalMin / 60);
  const min = Math.abs(totalMin % 60);
  if (Math.abs(h) < 48) return min ? `${h} h ${min} min` : `${h} h`;
  return `${(ms / 86_400_000).toFixed(1)} days`;
}

