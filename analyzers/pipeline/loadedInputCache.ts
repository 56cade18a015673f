import type { InputSummary, LoadedInput } from '../ingest/capability';

/** A parsed input as the pipeline keeps it between analyses of one case. */
export interface CachedInput {
  capabilityId: string;
  loaded: LoadedInput<unknown>;
  summary: InputSummary;
}

/**
 * The inputs the analysis process has already parsed, by path and file identity (device, inode,
 * size, modification time; runCase adds the input limits, the only options a load depends on), so
 * that adding a file to a case or changing an option re-analyzes without parsing the files already
 * open again. Analyses read artifacts without changing them (tests/loadedInputCache.test.ts checks
 * that reused inputs give the same case as a fresh analysis).
 *
 * It holds only the files of the latest case asked for (`retain`), so memory stays what the open
 * case needs; a file changed on disk has a new identity and is parsed again.
 */
export class LoadedInputCache {
  private readonly byPath = new Map<string, { identity: string; input: CachedInput }>();

  /** Drops every input that is not one of `paths` (called as each analysis starts). */
  retain(paths: readonly string[]): void {
    const keep = new Set(paths);
    for (const path of this.byPath.keys()) if (!keep.has(path)) this.byPath.delete(path);
  }

  get(path: string, identity: string): CachedInput | undefined {
    const entry = this.byPath.get(path);
    return entry?.identity === identity ? entry.input : undefined;
  }

  set(path: string, identity: string, input: CachedInput): void {
    this.byPath.set(path, { identity, input });
  }

  get size(): number {
    return this.byPath.size;
  }
}
