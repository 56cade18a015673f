import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes through a temporary file in the same directory, flushed to disk, and renames it over the
 * target, so a crash, a kill or a full disk never leaves a half-written report or case file where
 * the user's old one was: the target is the old file or the whole new one. (A kill leaves at most a
 * hidden `.name.….tmp` beside it.)
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const file = await open(tmp, 'w');
    try {
      await file.writeFile(data);
      // Renamed before its bytes reach the disk, a power cut could leave an empty file under the name.
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
