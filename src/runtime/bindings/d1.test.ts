import { describe, expect, it } from 'vitest';
import { createMemoryBindingStore } from '../../engine';
import { createD1Database } from './d1';
import { nodeSql } from './node-sql';
import { bytesTag } from './values';

const q = (sql: string, ...params: unknown[]) => ({ sql, params });
const fresh = (store = createMemoryBindingStore()) => createD1Database(store, 'f/d1/DB', nodeSql);

describe('D1 database (sql.js)', () => {
  it("runs statements with D1's result shapes", async () => {
    const db = fresh();
    expect(
      await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, n REAL, b BLOB)'),
    ).toMatchObject({
      count: 1,
    });
    const ran = (await db.query(
      q('INSERT INTO t (name, n, b) VALUES (?, ?, ?)', 'ada', 1.5, bytesTag(new Uint8Array([7]))),
      'run',
    )) as {
      success: boolean;
      meta: Record<string, unknown>;
      results: unknown[];
    };
    expect(ran.success).toBe(true);
    expect(ran.results).toEqual([]);
    expect(ran.meta).toMatchObject({ changes: 1, last_row_id: 1, changed_db: true, rows_written: 1 });
    for (const key of ['duration', 'size_after', 'rows_read', 'served_by']) expect(ran.meta).toHaveProperty(key);
    await db.query(q('INSERT INTO t (name, n) VALUES (?, ?)', 'bob', true), 'run');
    const all = (await db.query(q('SELECT id, name, n, b FROM t ORDER BY id'), 'all')) as {
      results: unknown[];
      meta: { changed_db: boolean };
    };
    expect(all.results).toEqual([
      { id: 1, name: 'ada', n: 1.5, b: [7] },
      { id: 2, name: 'bob', n: 1, b: null },
    ]);
    expect(all.meta.changed_db).toBe(false);
    expect(await db.query(q('SELECT name FROM t WHERE id = ?', 2), 'first')).toEqual({ name: 'bob' });
    expect(await db.query(q('SELECT name FROM t WHERE id = ?', 2), 'first', 'name')).toBe('bob');
    expect(await db.query(q('SELECT name FROM t WHERE id = ?', 9), 'first')).toBeNull();
    expect(await db.query(q('SELECT id, name FROM t ORDER BY id'), 'raw')).toEqual([
      [1, 'ada'],
      [2, 'bob'],
    ]);
    expect(await db.query(q('SELECT id FROM t WHERE id = 1'), 'raw', { columnNames: true })).toEqual([['id'], [1]]);
    await expect(db.query(q('SELECT name FROM t'), 'first', 'nope')).rejects.toThrow(
      'D1_COLUMN_NOTFOUND: Column not found (nope)',
    );
  });

  it("carries SQLite's message as D1 does", async () => {
    const db = fresh();
    await expect(db.query(q('INVALID SQL GIBBERISH'), 'run')).rejects.toThrow(
      'D1_ERROR: near "INVALID": syntax error: SQLITE_ERROR',
    );
    await expect(db.query(q('SELECT * FROM missing'), 'all')).rejects.toThrow(
      'D1_ERROR: no such table: missing: SQLITE_ERROR',
    );
    await db.exec('CREATE TABLE u (k TEXT UNIQUE)');
    await db.query(q('INSERT INTO u VALUES (?)', 'a'), 'run');
    await expect(db.query(q('INSERT INTO u VALUES (?)', 'a'), 'run')).rejects.toThrow(
      'D1_ERROR: UNIQUE constraint failed: u.k: SQLITE_CONSTRAINT',
    );
    await expect(db.query(q('INSERT INTO u VALUES (?)', { a: 1 }), 'run')).rejects.toThrow(
      `D1_TYPE_ERROR: Type 'object' not supported for value '{"a":1}'`,
    );
    await expect(db.exec('CREATE TABLE v (x);\nBOGUS')).rejects.toThrow(
      'D1_EXEC_ERROR: Error in line 2: near "BOGUS": syntax error',
    );
    await expect(db.batch([])).rejects.toThrow('D1_ERROR: No SQL statements detected.');
  });

  it('batches atomically: a failing statement undoes the whole batch', async () => {
    const db = fresh();
    await db.exec('CREATE TABLE b (id INTEGER PRIMARY KEY, v TEXT)');
    const results = await db.batch([q('INSERT INTO b VALUES (1, ?)', 'x'), q('SELECT v FROM b')]);
    expect(results).toMatchObject([
      { success: true, results: [] },
      { success: true, results: [{ v: 'x' }] },
    ]);
    await expect(
      db.batch([q('INSERT INTO b VALUES (2, ?)', 'y'), q('INSERT INTO b VALUES (1, ?)', 'dup')]),
    ).rejects.toThrow('UNIQUE constraint failed: b.id');
    expect(await db.query(q('SELECT count(*) AS n FROM b'), 'first', 'n')).toBe(1);
  });

  it('keeps its rows in the store: a new binding over the same store sees them', async () => {
    const store = createMemoryBindingStore();
    await fresh(store).exec("CREATE TABLE k (v TEXT); INSERT INTO k VALUES ('kept')");
    const again = fresh(store);
    expect(await again.query(q('SELECT v FROM k'), 'first', 'v')).toBe('kept');
    expect(await again.tables()).toEqual([{ name: 'k', type: 'table', sql: 'CREATE TABLE k (v TEXT)' }]);
  });
});
