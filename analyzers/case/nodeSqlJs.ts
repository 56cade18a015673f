import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createSqlJsLoader } from './sqlJs';

/** node_modules/sql.js/dist, found by module resolution so it holds after electron-vite bundles main. */
export const SQL_JS_DIST_DIR = dirname(createRequire(import.meta.url).resolve('sql.js'));

/** The loader for Node hosts (CLI, utility process, tests): the wasm next to sql.js's own script. */
export const loadNodeSqlJs = createSqlJsLoader({ locateFile: (file) => join(SQL_JS_DIST_DIR, file) });
