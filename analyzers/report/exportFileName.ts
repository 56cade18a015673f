/** Longest stem before the extension: a whole title would make unwieldy file names. */
const MAX_STEM = 60;

/**
 * A file name for an export, from the case's title: `Game server OOM kills, 2–3 March` →
 * `game-server-oom-kills-2-3-march.md`. Letters and digits only (accents dropped, everything else a
 * dash), so the name is safe on every file system and in a Content-Disposition header; cut at a
 * word boundary; `fallback` when nothing usable is left.
 */
export function exportFileName(title: string, extension: string, fallback = 'report'): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  let stem = '';
  for (const word of words) {
    const next = stem ? `${stem}-${word}` : word;
    if (next.length > MAX_STEM) break;
    stem = next;
  }
  if (!stem && words.length > 0) stem = words[0].slice(0, MAX_STEM);
  return `${stem || fallback}.${extension}`;
}
