/**
 * A D1 database: real SQLite (sql.js, SQLite compiled to WebAssembly: the same engine in the executor worker
 * and in Node, and its database image is plain bytes, so any {@link BindingStore} can keep it). The surface of
 * Cloudflare's binding: a statement's `first(column?)`, `all()`, `run()`, `raw({columnNames})`, the database's
 * `batch()` (atomic: all or nothing) and `exec()`; results shaped as D1's (`results`, `success`, `meta`); errors
 * carry SQLite's message as D1's do (`D1_ERROR: near "INVALID": syntax error: SQLITE_ERROR`). The image is saved
 * after every call that may have written.
 */
import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import type { BindingStore } from '../../engine';
import { isPlainObject, optionsArg, taggedBytes } from './values';

/** One statement from Python: SQL text and its bound values (JSON; bytes tagged). */
export interface D1Query {
  sql: string;
  params: unknown[];
}

const IMAGE_KEY = 'database.sqlite';
const READ_ONLY = /^\s*(select|explain|values)\b/i;

function sqliteCode(message: string): string {
  if (/constraint failed/i.test(message)) return 'SQLITE_CONSTRAINT';
  if (/too big|string or blob too big/i.test(message)) return 'SQLITE_TOOBIG';
  return 'SQLITE_ERROR';
}

/** D1's wording of a SQLite error. */
export function d1Error(error: unknown, prefix = 'D1_ERROR'): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`${prefix}: ${message}: ${sqliteCode(message)}`);
}

function bindValue(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  const bytes = taggedBytes(value);
  if (bytes) return bytes;
  const shown = isPlainObject(value) || Array.isArray(value) ? JSON.stringify(value) : String(value);
  throw new Error(
    `D1_TYPE_ERROR: Type '${Array.isArray(value) ? 'list' : typeof value}' not supported for value '${shown}'`,
  );
}

const resultValue = (v: SqlValue): unknown => (v instanceof Uint8Array ? [...v] : v);

interface Ran {
  columns: string[];
  rows: unknown[][];
  meta: Record<string, unknown>;
}

export interface D1Database {
  query(query: D1Query, mode: 'all' | 'run' | 'first' | 'raw', options?: unknown): Promise<unknown>;
  batch(queries: D1Query[]): Promise<unknown>;
  exec(sql: unknown): Promise<unknown>;
  /** Tables and views with their SQL (the browse view). */
  tables(): Promise<{ name: string; type: string; sql: string }[]>;
}

/** The D1 database stored in `space`. `sql` loads sql.js once per host (a browser and Node locate its wasm differently). */
export function createD1Database(store: BindingStore, space: string, sql: () => Promise<SqlJsStatic>): D1Database {
  let opened: Promise<Database> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const open = () => {
    opened ??= (async () => {
      const SQL = await sql();
      const image = await store.get(space, IMAGE_KEY);
      return new SQL.Database(image?.value);
    })();
    return opened;
  };
  /** Calls run one at a time (a batch is one transaction; nothing interleaves with it). */
  const serial = <T>(fn: (db: Database) => Promise<T> | T): Promise<T> => {
    const next = queue.then(async () => fn(await open()));
    queue = next.catch(() => {});
    return next;
  };
  const save = (db: Database) => store.put(space, { key: IMAGE_KEY, value: db.export(), meta: null });
  const scalar = (db: Database, text: string) => Number(db.exec(text)[0]?.values[0]?.[0] ?? 0);

  const runOne = (db: Database, query: D1Query): Ran => {
    if (typeof query.sql !== 'string') throw new TypeError('prepare() takes the SQL text as a str');
    const started = performance.now();
    const before = scalar(db, 'SELECT total_changes()');
    let statement: Statement;
    try {
      statement = db.prepare(query.sql);
    } catch (error) {
      throw d1Error(error);
    }
    try {
      statement.bind(query.params.map(bindValue));
      const rows: unknown[][] = [];
      while (statement.step()) rows.push(statement.get().map(resultValue));
      const columns = statement.getColumnNames();
      const changes = scalar(db, 'SELECT total_changes()') - before;
      return {
        columns,
        rows,
        meta: {
          served_by: 'workflow-studio (sql.js)',
          duration: performance.now() - started,
          changes,
          last_row_id: scalar(db, 'SELECT last_insert_rowid()'),
          changed_db: changes > 0 || !READ_ONLY.test(query.sql),
          size_after: scalar(db, 'PRAGMA page_count') * scalar(db, 'PRAGMA page_size'),
          rows_read: rows.length,
          rows_written: changes,
        },
      };
    } catch (error) {
      if (error instanceof Error && /^D1_/.test(error.message)) throw error;
      throw d1Error(error);
    } finally {
      statement.free();
    }
  };

  const shape = (ran: Ran, mode: 'all' | 'run' | 'first' | 'raw', options: unknown): unknown => {
    const objects = () => ran.rows.map((row) => Object.fromEntries(ran.columns.map((c, i) => [c, row[i]])));
    if (mode === 'raw') {
      const { columnNames } = optionsArg(options, 'raw() options');
      return columnNames ? [ran.columns, ...ran.rows] : ran.rows;
    }
    if (mode === 'first') {
      const row = objects()[0];
      if (options === undefined || options === null) return row ?? null;
      if (typeof options !== 'string') throw new TypeError('first() takes a column name (a str) or nothing');
      if (!row) return null;
      if (!(options in row)) throw new Error(`D1_COLUMN_NOTFOUND: Column not found (${options})`);
      return row[options];
    }
    return { success: true, meta: ran.meta, results: objects() };
  };

  const writes = (queries: D1Query[]) => queries.some((q) => !READ_ONLY.test(q.sql));

  return {
    query: (query, mode, options) =>
      serial(async (db) => {
        const ran = runOne(db, query);
        if (ran.meta.changed_db) await save(db);
        return shape(ran, mode, options);
      }),
    batch: (queries) =>
      serial(async (db) => {
        if (!Array.isArray(queries) || queries.length === 0) throw new Error('D1_ERROR: No SQL statements detected.');
        db.exec('SAVEPOINT d1_batch');
        let results: unknown[];
        try {
          results = queries.map((q) => shape(runOne(db, q), 'all', undefined));
          db.exec('RELEASE d1_batch');
        } catch (error) {
          db.exec('ROLLBACK TO d1_batch');
          db.exec('RELEASE d1_batch');
          throw error;
        }
        if (writes(queries)) await save(db);
        return results;
      }),
    exec: (text) =>
      serial(async (db) => {
        if (typeof text !== 'string') throw new TypeError('exec() takes the SQL text as a str');
        const started = performance.now();
        let count = 0;
        try {
          for (const statement of db.iterateStatements(text)) {
            try {
              while (statement.step()) {}
            } finally {
              statement.free();
            }
            count += 1;
          }
        } catch (error) {
          if (count > 0) await save(db);
          const message = error instanceof Error ? error.message : String(error);
          throw new Error(`D1_EXEC_ERROR: Error in line ${count + 1}: ${message}: ${sqliteCode(message)}`);
        }
        if (count === 0) throw new Error('D1_EXEC_ERROR: Error in line 1: No SQL statements detected.: SQLITE_ERROR');
        await save(db);
        return { count, duration: performance.now() - started };
      }),
    tables: () =>
      serial((db) => {
        const rows = db.exec(
          "SELECT name, type, sql FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )[0];
        return (rows?.values ?? []).map(([name, type, sql]) => ({
          name: String(name),
          type: String(type),
          sql: String(sql ?? ''),
        }));
      }),
  };
}
