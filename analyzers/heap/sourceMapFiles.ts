import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { formatBytes } from '../core/byteFormat';
import { groupDigits } from '../core/numberFormat';
import type { SourceMapText } from './sourceMaps';

/** A build's output holds a few hundred maps; more than this in one folder is the wrong folder. */
const MAX_MAPS = 10_000;
const MAX_MAP_BYTES = 256 * 2 ** 20;

/**
 * The `.map` files the user named: files as they are, folders searched recursively. What cannot be
 * read is a problem to show beside the findings, not a failed case (the snapshots are still analysed).
 */
export async function readSourceMapFiles(paths: readonly string[]): Promise<{ maps: SourceMapText[]; problems: string[] }> {
  const maps: SourceMapText[] = [];
  const problems: string[] = [];
  const add = async (path: string) => {
    if (maps.length >= MAX_MAPS) return;
    const info = await stat(path);
    if (info.size > MAX_MAP_BYTES) {
      problems.push(`${basename(path)} is ${formatBytes(info.size)}, over the ${formatBytes(MAX_MAP_BYTES)} limit for a source map: skipped`);
      return;
    }
    maps.push({ name: basename(path), text: await readFile(path, 'utf8') });
  };
  for (const path of paths) {
    try {
      if ((await stat(path)).isDirectory()) {
        const found = (await readdir(path, { recursive: true })).filter((f) => f.endsWith('.map')).sort();
        if (found.length === 0) problems.push(`the source map folder ${basename(path)} holds no .map file`);
        if (found.length > MAX_MAPS) problems.push(`the source map folder ${basename(path)} holds ${groupDigits(found.length)} .map files: only the first ${groupDigits(MAX_MAPS)} are read`);
        for (const f of found) await add(join(path, f));
      } else if (path.endsWith('.map')) await add(path);
      else problems.push(`${basename(path)} is neither a folder nor a .map file: skipped`);
    } catch (e) {
      problems.push(`cannot read source maps from ${basename(path)}: ${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))}`);
    }
  }
  return { maps, problems };
}
