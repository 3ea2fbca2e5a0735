import { describe, expect, it } from 'vitest';
import { ACTIVE_FILE_SETTING } from './db-name';
import { createFilesRepo } from './files-repo';
import { readOpenFile } from './read-open-file';
import { createSettingsRepo } from './settings-repo';
import { StudioDB } from './studio-db';

const freshName = () => `read-open-file-${Math.random().toString(36).slice(2)}`;

/** A database as the studio leaves it: files, and the open file remembered in settings. */
async function seeded(name: string, remember: (ids: string[]) => unknown) {
  const db = new StudioDB(name);
  let id = 0;
  const files = createFilesRepo(db, { now: () => 1_000, newId: () => `f${++id}` });
  const a = await files.create('a.py', 'print("a")\n');
  const b = await files.create('b.py', 'print("b")\n');
  await files.save(b.id, 'print("b2")\n');
  await createSettingsRepo(db).set(ACTIVE_FILE_SETTING, remember([a.id, b.id]));
  db.close();
  return { a, b };
}

const databaseNames = async () => (await indexedDB.databases()).map((d) => d.name);

describe('readOpenFile()', () => {
  it('reads the remembered open file, as saved, without Dexie', async () => {
    const name = freshName();
    await seeded(name, (ids) => ids[1]);
    expect(await readOpenFile(indexedDB, name)).toMatchObject({
      id: 'f2',
      name: 'b.py',
      source: 'print("b2")\n',
      version: 2,
    });
    await new StudioDB(name).delete();
  });

  it('says "first-visit" and creates no database then, so Dexie still creates it with its schema', async () => {
    const name = freshName();
    expect(await readOpenFile(indexedDB, name)).toBe('first-visit');
    expect(await databaseNames()).not.toContain(name);
    const db = new StudioDB(name);
    await db.files.put({ id: 'x', name: 'x.py', source: '', version: 1, createdAt: 0, updatedAt: 0 });
    expect(await db.files.count()).toBe(1);
    await db.delete();
  });

  it('is null when no open file is remembered, or the remembered one is gone or not a file', async () => {
    const none = freshName();
    const db = new StudioDB(none);
    await db.open();
    db.close();
    expect(await readOpenFile(indexedDB, none)).toBeNull();
    const gone = freshName();
    await seeded(gone, () => 'deleted-id');
    expect(await readOpenFile(indexedDB, gone)).toBeNull();
    const odd = freshName();
    await seeded(odd, () => 42);
    expect(await readOpenFile(indexedDB, odd)).toBeNull();
    const bad = new StudioDB(freshName());
    await bad.settings.put({ key: ACTIVE_FILE_SETTING, value: 'f1' });
    await bad.files.put({ id: 'f1', name: 'f.py', version: 1 } as never); // no source
    bad.close();
    expect(await readOpenFile(indexedDB, bad.name)).toBeNull();
    for (const n of [none, gone, odd, bad.name]) await new StudioDB(n).delete();
  });

  it('closes its connection, so an upgrade of the schema is never blocked by it', async () => {
    const name = freshName();
    await seeded(name, (ids) => ids[0]);
    const reading = readOpenFile(indexedDB, name);
    // A version change asked for while the read may still hold its connection.
    const upgraded = await new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(name, 1_000);
      open.onblocked = () => reject(new Error('upgrade blocked by the early read'));
      open.onsuccess = () => {
        const version = open.result.version;
        open.result.close();
        resolve(version);
      };
      open.onerror = () => reject(open.error);
    });
    expect(upgraded).toBe(1_000);
    expect(await reading).not.toBeUndefined();
    await new Promise((resolve) => {
      const del = indexedDB.deleteDatabase(name);
      del.onsuccess = resolve;
      del.onerror = resolve;
    });
  });

  it('is null where the browser has no IndexedDB, or its open throws', async () => {
    expect(await readOpenFile(undefined)).toBeNull();
    const throwing = {
      open: () => {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    expect(await readOpenFile(throwing)).toBeNull();
  });
});
