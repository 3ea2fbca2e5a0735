/**
 * sql.js in Node (the CLI, tests): its wasm sits next to its script in node_modules. Loaded once per process,
 * through `require` (sql.js is CommonJS, and Node's ESM loader under tsx finds no default export in it).
 */
import { createRequire } from 'node:module';
import type { SqlJsConfig, SqlJsStatic } from 'sql.js';

let loaded: Promise<SqlJsStatic> | undefined;
export const nodeSql = (): Promise<SqlJsStatic> => {
  const initSqlJs = createRequire(import.meta.url)('sql.js') as (config?: SqlJsConfig) => Promise<SqlJsStatic>;
  loaded ??= initSqlJs();
  return loaded;
};
