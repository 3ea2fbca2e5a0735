import { describe, expect, it } from 'vitest';
import { createDexieJournalStore } from './dexie-journal-store';
import { createExecutorRepo } from './executor-repo';
import { readNow } from './read-now';
import { StudioDB } from './studio-db';

const fresh = () => new StudioDB(`read-now-test-${Math.random().toString(36).slice(2)}`);

/** Every transaction opened on `db` from now on: its tables, its mode, and whether it was committed explicitly. */
function watchTransactions(db: StudioDB): Array<{ tables: string; mode: string; committed: boolean }> {
  const opened: Array<{ tables: string; mode: string; committed: boolean }> = [];
  const idb = db.backendDB();
  const transaction = idb.transaction.bind(idb);
  idb.transaction = ((names: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) => {
    const tx = transaction(names, mode, options);
    const entry = { tables: [names].flat().join(','), mode: tx.mode, committed: false };
    opened.push(entry);
    const commit = tx.commit.bind(tx);
    tx.commit = () => {
      entry.committed = true;
      commit();
    };
    return tx;
  }) as IDBDatabase['transaction'];
  return opened;
}

describe("the executor's reads", () => {
  it('commit their transaction as soon as they are issued, so a step that then blocks the thread holds back no write', async () => {
    const db = fresh();
    await db.open();
    await db.instanceFiles.put({ instanceId: 'i1', fileId: 'f1' });
    await db.loadedSources.put({ fileId: 'f1', version: 2, name: 'a.py', source: 'x = 1', loadedAt: 5 });
    const repo = createExecutorRepo(db);
    const store = createDexieJournalStore(db);
    const opened = watchTransactions(db);

    expect(await repo.instanceFiles()).toEqual(new Map([['i1', 'f1']]));
    expect(await repo.loadedSource('f1')).toMatchObject({ version: 2, source: 'x = 1' });
    expect(await repo.loadedSource('missing')).toBeUndefined();
    expect(await store.read('i1')).toEqual([]);
    expect(await store.getInstance('i1')).toBeUndefined();
    expect(await store.listInstances()).toEqual([]);

    expect(opened.map((t) => t.tables)).toEqual([
      'instanceFiles',
      'loadedSources',
      'loadedSources',
      'journal',
      'instances',
      'instances',
    ]);
    expect(opened.every((t) => t.mode === 'readonly' && t.committed)).toBe(true);
    db.close();
  });

  it('opens a closed database first, and rejects with the browser’s error for a table that does not exist', async () => {
    const db = fresh();
    expect(await readNow(db, 'instanceFiles', (store) => store.getAll())).toEqual([]);
    await expect(readNow(db, 'no-such-table', (store) => store.getAll())).rejects.toThrow(/no-such-table|not found/i);
    db.close();
  });
});
