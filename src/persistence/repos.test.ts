import { describe, expect, it } from 'vitest';
import { createFilesRepo, FileConflictError, FileNameError, fileNameProblem } from './files-repo';
import { createSettingsRepo } from './settings-repo';
import { createSnapshotRepo, snapshotKey } from './snapshot-repo';
import { StudioDB } from './studio-db';

const fresh = () => new StudioDB(`repos-test-${Math.random().toString(36).slice(2)}`);
const deps = () => {
  let t = 1_000;
  let id = 0;
  return { now: () => ++t, newId: () => `f${++id}` };
};

describe('files repo', () => {
  it('creates, saves with a growing version, renames and deletes a workflow file', async () => {
    const db = fresh();
    const files = createFilesRepo(db, deps());
    const f = await files.create('orders.py', 'print(1)');
    expect(f).toMatchObject({ id: 'f1', name: 'orders.py', version: 1 });
    expect((await files.save(f.id, 'print(2)')).version).toBe(2);
    expect((await files.save(f.id, 'print(2)')).version).toBe(2);
    await files.rename(f.id, 'billing.py');
    expect((await files.list()).map((x) => [x.name, x.source, x.version])).toEqual([['billing.py', 'print(2)', 2]]);
    await files.delete(f.id);
    expect(await files.list()).toEqual([]);
    db.close();
  });

  it('saves a file’s mocks text beside its source without a new version; empty text removes them', async () => {
    const db = fresh();
    const files = createFilesRepo(db, deps());
    const f = await files.create('orders.py', 'print(1)');
    await files.saveMocks(f.id, '{"http": [');
    expect(await files.get(f.id)).toMatchObject({ source: 'print(1)', version: 1, mocks: '{"http": [' });
    expect((await files.save(f.id, 'print(2)')).mocks).toBe('{"http": [');
    await files.saveMocks(f.id, '');
    expect(await files.get(f.id)).not.toHaveProperty('mocks');
    await files.delete(f.id);
    await expect(files.saveMocks(f.id, '{}')).rejects.toThrow(
      'The file of these mocks (id f1) was deleted in another tab.',
    );
    db.close();
  });

  it('keeps files across a reopen of the database', async () => {
    const db = fresh();
    await createFilesRepo(db, deps()).create('keep.py', 'x = 1');
    db.close();
    const again = new StudioDB(db.name);
    expect((await createFilesRepo(again, deps()).list()).map((f) => f.source)).toEqual(['x = 1']);
    again.close();
  });

  it.each([
    ['', [], 'A file name is required.'],
    ['orders', [], '"orders" must end in .py.'],
    [
      'my orders.py',
      [],
      '"my orders.py" may use letters, digits, "_", "-" and "." only, start with a letter or "_", and be at most 64 characters.',
    ],
    ['a.py', ['a.py'], 'A file named "a.py" already exists.'],
  ])('refuses the name %j with a reason', (name, taken, reason) => {
    expect(fileNameProblem(name, taken)).toBe(reason);
  });

  it('refuses to create or rename onto a taken name, and says so', async () => {
    const db = fresh();
    const files = createFilesRepo(db, deps());
    await files.create('a.py', '');
    const b = await files.create('b.py', '');
    await expect(files.create('a.py', '')).rejects.toThrow(new FileNameError('A file named "a.py" already exists.'));
    await expect(files.rename(b.id, 'a.py')).rejects.toThrow('A file named "a.py" already exists.');
    await files.rename(b.id, 'b.py');
    db.close();
  });

  it('says so when saving a file another tab deleted', async () => {
    const db = fresh();
    const files = createFilesRepo(db, deps());
    const f = await files.create('gone.py', '');
    await files.delete(f.id);
    await expect(files.save(f.id, 'x')).rejects.toThrow(
      `The file you are editing (id ${f.id}) was deleted in another tab.`,
    );
    db.close();
  });

  it('refuses a save against a stale version with another text, carrying the stored file; writes nothing', async () => {
    const db = fresh();
    const files = createFilesRepo(db, deps());
    const f = await files.create('both.py', 'v1');
    const theirs = await files.save(f.id, 'from tab 2', 1);
    expect(theirs.version).toBe(2);
    const error = await files.save(f.id, 'from tab 1', 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileConflictError);
    expect((error as FileConflictError).stored).toMatchObject({ source: 'from tab 2', version: 2 });
    expect((error as Error).message).toBe('"both.py" was changed in another tab (now version 2); nothing was saved.');
    expect(await files.get(f.id)).toMatchObject({ source: 'from tab 2', version: 2 });
    // The same text as stored is no conflict, and a save from the stored version goes through.
    expect((await files.save(f.id, 'from tab 2', 1)).version).toBe(2);
    expect((await files.save(f.id, 'merged', 2)).version).toBe(3);
    db.close();
  });

  it('two creates of one name at once make one file; the other is refused', async () => {
    const db = fresh();
    const files = createFilesRepo(db, deps());
    const results = await Promise.allSettled([files.create('x.py', 'a'), files.create('x.py', 'b')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await files.list()).map((f) => f.name)).toEqual(['x.py']);
    db.close();
  });
});

describe('snapshot repo', () => {
  it('keeps only the snapshot of the current Pyodide + SDK key', async () => {
    const db = fresh();
    const snaps = createSnapshotRepo(db, { now: () => 5 });
    const oldKey = snapshotKey('314.0.6', 'aaa');
    const newKey = snapshotKey('314.0.7', 'bbb');
    expect(newKey).toBe('pyodide-314.0.7-sdk-bbb');
    await snaps.put(oldKey, new Uint8Array([1, 2]));
    await snaps.put(newKey, new Uint8Array([3, 4, 5]));
    expect(await snaps.get(oldKey)).toBeUndefined();
    expect(await snaps.has(oldKey)).toBe(false);
    expect(await snaps.has(newKey)).toBe(true);
    const rec = await snaps.get(newKey);
    expect(Array.from(rec?.bytes ?? [])).toEqual([3, 4, 5]);
    db.close();
  });
});

describe('settings repo', () => {
  it('returns the fallback until a value is set', async () => {
    const db = fresh();
    const settings = createSettingsRepo(db);
    expect(await settings.get('theme', 'system')).toBe('system');
    await settings.set('theme', 'dark');
    expect(await settings.get('theme', 'system')).toBe('dark');
    db.close();
  });
});
