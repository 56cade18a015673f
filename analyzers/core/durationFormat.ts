/**
 * `850 ms`, `2.5 s`, `45 s`, `12 min 05 s`, `20 min`, `2 h 05 min`, `4 h`, `1 d 9 h`: durations as
 * people say them in a post-mortem, in at most two units (the second dropped when it is zero), one
 * decimal under ten seconds. One style for finding titles, reports and charts alike.
 */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const a = Math.abs(ms);
  if (Math.round(a) < 1000) return `${sign}${Math.round(a)} ms`;
  if (a < 9950) return `${sign}${Number((a / 1000).toFixed(1))} s`;
  const s = Math.round(a / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const two = (big: number, bigUnit: string, small: string, smallUnit: string) => `${sign}${big} ${bigUnit}${Number(small) ? ` ${small} ${smallUnit}` : ''}`;
  if (s < 60) return `${sign}${s} s`;
  if (s < 3600) return two(Math.floor(s / 60), 'min', pad(s % 60), 's');
  if (s < 86_400) return two(Math.floor(s / 3600), 'h', pad(Math.floor((s % 3600) / 60)), 'min');
  return two(Math.floor(s / 86_400), 'd', String(Math.floor((s % 86_400) / 3600)), 'h');
}

/** What `formatDuration` writes (`6 s`, `12 min 05 s`), to find a duration inside a title it wrote. */
export const DURATION_TEXT = /-?\d+(?:\.\d)? (?:ms|s|min|h|d)(?: \d+ (?:s|min|h))?/.source;
