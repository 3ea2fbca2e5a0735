/**
 * sql.js (SQLite in WebAssembly) in the executor worker, for D1 bindings: its wasm is an asset of our own origin
 * (CSP `script-src 'wasm-unsafe-eval'` allows compiling it), loaded the first time a D1 binding is used.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';

let loaded: Promise<SqlJsStatic> | undefined;

export function browserSql(): Promise<SqlJsStatic> {
  loaded ??= initSqlJs({ locateFile: () => wasmUrl });
  return loaded;
}
