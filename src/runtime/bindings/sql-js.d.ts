/**
 * The part of sql.js the D1 binding uses. tsconfig.json maps `sql.js` here instead of @types/sql.js, whose
 * `/// <reference types="emscripten" />` would replace Pyodide's `FS` typings program-wide.
 */
declare module 'sql.js' {
  export type SqlValue = number | string | Uint8Array | null;
  export interface Statement {
    bind(values?: SqlValue[]): boolean;
    step(): boolean;
    get(): SqlValue[];
    getColumnNames(): string[];
    free(): boolean;
  }
  export interface QueryExecResult {
    columns: string[];
    values: SqlValue[][];
  }
  export interface Database {
    prepare(sql: string): Statement;
    exec(sql: string): QueryExecResult[];
    iterateStatements(sql: string): Iterable<Statement>;
    export(): Uint8Array;
    close(): void;
  }
  export interface SqlJsStatic {
    Database: new (data?: Uint8Array | null) => Database;
  }
  export interface SqlJsConfig {
    locateFile?: (file: string) => string;
  }
  export default function initSqlJs(config?: SqlJsConfig): Promise<SqlJsStatic>;
}
