import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';

/** A source map the user gave: its file name (as shown) and its text. */
export interface SourceMapText {
  name: string;
  text: string;
}

/** What the source maps did in this case: shown beside the findings, so an unmapped position is explained. */
export interface SourceMapUse {
  /** Scripts mapped, each with the map that mapped it. */
  applied: { script: string; map: string }[];
  /** Maps that could not be read or used, and scripts whose map is not among the given ones. */
  problems: string[];
}

export interface OriginalPosition {
  source: string;
  /** 1-based. */
  line: number;
  /** 0-based, as source maps count. */
  column: number;
}

const DATA_URL = /^data:application\/json(?:;charset=[\w-]+)?(;base64)?,(.*)$/s;

/**
 * Source maps for the scripts of a case, from the files the user gave and the `data:` URLs the
 * snapshots themselves carry (`//# sourceMappingURL=` inline maps). Nothing is fetched: an http(s)
 * or file URL only names which of the given maps applies (by file name).
 */
export class SourceMaps {
  private readonly byName = new Map<string, SourceMapText>();
  private readonly byFile = new Map<string, SourceMapText>();
  private readonly parsed = new Map<string, TraceMap | null>();
  private readonly forScript = new Map<string, { map: TraceMap; name: string } | null>();
  readonly use: SourceMapUse = { applied: [], problems: [] };

  constructor(given: readonly SourceMapText[] = [], problems: readonly string[] = []) {
    this.use.problems.push(...problems);
    for (const m of given) {
      this.byName.set(baseName(m.name), m);
      // The map's `file` names the generated script; read cheaply without parsing the mappings.
      const file = /"file"\s*:\s*"([^"]*)"/.exec(m.text.slice(0, 4096))?.[1];
      if (file) this.byFile.set(baseName(file), m);
    }
  }

  get hasGivenMaps(): boolean {
    return this.byName.size > 0;
  }

  /** The original position of a generated one (line, column 0-based) in `script`, whose source names `mappingUrl`. */
  original(script: string, mappingUrl: string | undefined, line: number, column: number): OriginalPosition | undefined {
    const found = this.mapFor(script, mappingUrl);
    if (!found) return undefined;
    const pos = originalPositionFor(found.map, { line: line + 1, column });
    if (pos.source === null || pos.line === null) return undefined;
    return { source: displaySource(pos.source), line: pos.line, column: pos.column };
  }

  private mapFor(script: string, mappingUrl: string | undefined): { map: TraceMap; name: string } | undefined {
    const key = `${script}\n${mappingUrl ?? ''}`;
    let found = this.forScript.get(key);
    if (found === undefined) {
      const result = this.find(script, mappingUrl);
      found = result === 'none given' ? null : result;
      this.forScript.set(key, found);
      if (found) this.use.applied.push({ script, map: found.name });
      else if (result === 'none given' && this.hasGivenMaps && mappingUrl) {
        this.use.problems.push(`${script} names the source map ${mappingUrl}, which is not among the given maps`);
      }
    }
    return found ?? undefined;
  }

  /** The map for a script; null when one was found but cannot be used (a problem already says why). */
  private find(script: string, mappingUrl: string | undefined): { map: TraceMap; name: string } | null | 'none given' {
    if (mappingUrl?.startsWith('data:')) {
      const m = DATA_URL.exec(mappingUrl);
      const text = m ? (m[1] ? Buffer.from(m[2], 'base64').toString('utf8') : safeDecode(m[2])) : undefined;
      const map = text === undefined ? null : this.parse(`inline map of ${script}`, text, inlineHint(mappingUrl));
      if (!m) this.use.problems.push(`the inline source map of ${script} is not a JSON data: URL`);
      return map ? { map, name: `inline map of ${baseName(script)}` } : null;
    }
    const given = (mappingUrl ? this.byName.get(baseName(mappingUrl.split(/[?#]/)[0])) : undefined) ?? this.byFile.get(baseName(script)) ?? this.byName.get(`${baseName(script)}.map`);
    if (!given) return 'none given';
    const map = this.parse(given.name, given.text, '');
    return map ? { map, name: given.name } : null;
  }

  private parse(name: string, text: string, hint: string): TraceMap | null {
    let map = this.parsed.get(name);
    if (map !== undefined) return map;
    try {
      map = new TraceMap(text);
    } catch (e) {
      // The parser's own message may quote the file's text; the name and the kind of fault are enough.
      this.use.problems.push(`${name} is not a source map (${e instanceof SyntaxError ? 'not JSON' : 'no version 3 mappings'})${hint}`);
      map = null;
    }
    this.parsed.set(name, map);
    return map;
  }
}

/** V8 keeps only the first 1 024 characters of each string in a snapshot: a long inline map is cut there. */
function inlineHint(url: string): string {
  return url.length === 1024 ? '; the snapshot keeps only 1 024 characters of each string (raise it with node --heap-snapshot-string-limit, or give the .map files)' : '';
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function baseName(path: string): string {
  return path.slice(path.replace(/[\\/]+$/, '').search(/[^\\/]*$/));
}

/** `../src/player.ts`, `webpack://app/./src/player.ts` → `src/player.ts`: the path as the project names it. */
function displaySource(source: string): string {
  return source.replace(/^webpack:\/\/[^/]*\//, '').replace(/^(?:\.{1,2}\/)+/, '');
}
