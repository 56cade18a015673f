import type { SqlJsConfig, SqlJsStatic } from 'sql.js';

/** Hands out the sql.js module; a host decides where the wasm comes from. */
export type SqlJsLoader = () => Promise<SqlJsStatic>;

/**
 * A loader that initializes sql.js once. The renderer passes
 * `{ locateFile: () => wasmUrl }` (Vite's `sql.js/dist/sql-wasm.wasm?url`), and its CSP then needs
 * 'wasm-unsafe-eval'. sql.js itself keeps the first module it initialized for the whole process,
 * so only the first config in a process takes effect.
 */
export function createSqlJsLoader(config?: SqlJsConfig): SqlJsLoader {
  let module: Promise<SqlJsStatic> | undefined;
  return () => {
    // Imported when first asked for: the analysis process starts without it (a case file or a query needs it, an analysis not).
    module ??= import('sql.js').then(({ default: initSqlJs }) => initSqlJs(config)).catch((e: unknown) => {
      module = undefined;
      throw new Error(`the SQLite engine (sql.js) could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
    });
    return module;
  };
}
