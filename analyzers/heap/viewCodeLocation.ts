/**
 * The code that created or holds an object: a closure's function, or the constructor that made an
 * object (its map's constructor, as DevTools finds it). Positions are 1-based, as editors show them.
 */
export interface CodeLocation {
  /** The function's name; for an anonymous closure, the property that holds it; `(anonymous)` otherwise. */
  functionName: string;
  kind: 'closure' | 'constructor';
  /** The original source when a source map covered the position, else the script's own name (its URL or path). */
  file: string;
  line: number;
  column: number;
  /** The script's own position, when a source map gave `file`. */
  generated?: { file: string; line: number; column: number };
}

/** "`onLevelUp` closure, src/player.ts:18:22". */
export function formatCodeLocation(l: CodeLocation): string {
  return `\`${l.functionName}\` ${l.kind}, ${l.file}:${l.line}:${l.column}`;
}
