/** sql.js for Node tests (its wasm sits next to its script in node_modules). */
import initSqlJs, { type SqlJsStatic } from 'sql.js';

let loaded: Promise<SqlJsStatic> | undefined;
export const nodeSql = (): Promise<SqlJsStatic> => {
  loaded ??= initSqlJs();
  return loaded;
};
