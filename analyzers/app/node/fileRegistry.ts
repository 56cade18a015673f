import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import type { FileRef } from '../api/appApi';

/**
 * The files the user granted (dialog, drop, upload, command line), under opaque ids: the page refers
 * to files by id only, so a compromised page cannot ask the host (Electron main, the HTTP server) to
 * read a path it made up.
 */
export class FileRegistry {
  private readonly byId = new Map<string, FileRef & { path: string }>();
  private readonly idByPath = new Map<string, string>();

  /**
   * Grants a file and returns its reference; the same path granted twice keeps its id, so a file
   * opened again is not added to the case twice. A missing or unreadable file is still granted:
   * the analysis names it and says what is wrong, as for every other bad input.
   */
  async grant(path: string, name = basename(path)): Promise<FileRef> {
    const absolute = resolve(path);
    const known = this.idByPath.get(absolute);
    if (known) return this.toRef(known);
    const sizeBytes = await stat(absolute).then(
      (s) => s.size,
      () => 0,
    );
    const id = randomUUID();
    this.byId.set(id, { id, name, sizeBytes, path: absolute });
    this.idByPath.set(absolute, id);
    return { id, name, sizeBytes };
  }

  /** Paths given by a trusted caller relative to `cwd` (the command line of this or a second launch). */
  async grantAll(paths: readonly string[], cwd: string): Promise<FileRef[]> {
    const refs: FileRef[] = [];
    for (const p of paths) refs.push(await this.grant(isAbsolute(p) ? p : resolve(cwd, p)));
    return refs;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  pathOf(id: string): string | undefined {
    return this.byId.get(id)?.path;
  }

  private toRef(id: string): FileRef {
    const { name, sizeBytes } = this.byId.get(id) as FileRef;
    return { id, name, sizeBytes };
  }
}
