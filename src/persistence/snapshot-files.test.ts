import { describe, expect, it } from 'vitest';
import {
  createSnapshotFiles,
  readStoredSnapshot,
  type SnapshotDirectoryLike,
  withStoredSnapshot,
} from './snapshot-files';
import { createSnapshotRepo, snapshotKey } from './snapshot-repo';
import { StudioDB } from './studio-db';
import { memoryDirectory } from './test-snapshot-directory';

const freshDb = () => new StudioDB(`snapshot-files-test-${Math.random().toString(36).slice(2)}`);

describe('snapshot files', () => {
  it('reads back what was written under a key and says when a key has nothing', async () => {
    const { dir } = memoryDirectory();
    const files = createSnapshotFiles(dir);
    const key = snapshotKey('314.0.7', 'abc');
    expect(await files.has(key)).toBe(false);
    expect(await files.read(key)).toBeUndefined();
    await files.write(key, new Uint8Array([1, 2, 3]));
    expect(await files.has(key)).toBe(true);
    expect(Array.from((await files.read(key)) ?? [])).toEqual([1, 2, 3]);
    await files.remove(key);
    await files.remove(key);
    expect(await files.has(key)).toBe(false);
  });

  it('reads an empty file (a write the page did not live to finish) as no snapshot', async () => {
    const { dir, files: stored } = memoryDirectory();
    const files = createSnapshotFiles(dir);
    const key = snapshotKey('314.0.7', 'abc');
    stored.set(`${key}.snapshot`, new Uint8Array());
    expect(await files.has(key)).toBe(true);
    expect(await files.read(key)).toBeUndefined();
  });

  it('keeps only the newest key, so a stale snapshot never wastes quota', async () => {
    const { dir, files: stored } = memoryDirectory();
    const files = createSnapshotFiles(dir);
    await files.write(snapshotKey('314.0.6', 'old'), new Uint8Array([1]));
    await files.write(snapshotKey('314.0.7', 'new'), new Uint8Array([2]));
    expect([...stored.keys()]).toEqual(['pyodide-314.0.7-sdk-new.snapshot']);
  });

  it('reads through a sync access handle where there is one, and through the file when it is locked', async () => {
    const key = snapshotKey('314.0.7', 'abc');
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    const ok = memoryDirectory({ syncAccess: 'ok' });
    await createSnapshotFiles(ok.dir).write(key, bytes);
    expect(Array.from((await createSnapshotFiles(ok.dir).read(key)) ?? [])).toEqual([1, 2, 3, 4, 5]);
    expect(ok.syncReads).toEqual([`${key}.snapshot`]);
    const locked = memoryDirectory({ syncAccess: 'locked' });
    await createSnapshotFiles(locked.dir).write(key, bytes);
    expect(Array.from((await createSnapshotFiles(locked.dir).read(key)) ?? [])).toEqual([1, 2, 3, 4, 5]);
    expect(locked.syncReads).toEqual([]);
  });

  it('refuses a key that is not a plain file name', async () => {
    const files = createSnapshotFiles(memoryDirectory().dir);
    await expect(files.write('../x', new Uint8Array([1]))).rejects.toThrow('Not a snapshot key: "../x"');
  });
});

describe('snapshot repo on snapshot files', () => {
  it('stores in the files and drops a snapshot an older studio left in IndexedDB', async () => {
    const db = freshDb();
    const key = snapshotKey('314.0.7', 'abc');
    await db.snapshots.put({ key: snapshotKey('314.0.6', 'x'), bytes: new Uint8Array([9]), size: 1, createdAt: 0 });
    const { dir, files: stored } = memoryDirectory();
    const repo = createSnapshotRepo(db, { now: () => 1, files: createSnapshotFiles(dir) });
    expect(await repo.has(key)).toBe(false);
    await repo.put(key, new Uint8Array([4, 5]));
    expect(await repo.has(key)).toBe(true);
    expect(Array.from((await repo.get(key))?.bytes ?? [])).toEqual([4, 5]);
    expect(stored.size).toBe(1);
    expect(await db.snapshots.count()).toBe(0);
    await repo.delete(key);
    expect(await repo.get(key)).toBeUndefined();
    db.close();
  });

  it('says the storage is full when the file does not fit, and keeps the previous snapshot', async () => {
    const db = freshDb();
    const { dir } = memoryDirectory({ quotaBytes: 4 });
    const repo = createSnapshotRepo(db, { now: () => 1, files: createSnapshotFiles(dir) });
    const key = snapshotKey('314.0.7', 'abc');
    await repo.put(key, new Uint8Array([1, 2]));
    const put = repo.put(key, new Uint8Array(8));
    await expect(put).rejects.toMatchObject({ name: 'StorageFullError' });
    await expect(put).rejects.toThrow(
      "The browser's storage for this site is full, so the Python start-up snapshot could not be saved. Nothing already saved was lost. Delete old instances or snapshots (or free disk space) and try again.",
    );
    expect(Array.from((await repo.get(key))?.bytes ?? [])).toEqual([1, 2]);
    db.close();
  });
});

/** An OPFS root holding `dir` as the snapshots' directory (or none), recording how it was asked for. */
function rootWith(dir: SnapshotDirectoryLike | undefined) {
  const asked: Array<{ name: string; create: boolean }> = [];
  const root = {
    async getDirectoryHandle(name: string, options?: { create?: boolean }) {
      asked.push({ name, create: options?.create === true });
      if (!dir || name !== 'pyodide-snapshots') {
        throw Object.assign(new Error(`A requested file or directory could not be found: ${name}`), {
          name: 'NotFoundError',
        });
      }
      return dir;
    },
  };
  return { root: Promise.resolve(root), asked };
}

describe('readStoredSnapshot()', () => {
  it('reads the one stored snapshot with its key before the key is known, creating nothing', async () => {
    const { dir, files, syncReads } = memoryDirectory({ syncAccess: 'ok' });
    files.set('pyodide-314.0.7-sdk-abc.snapshot', new Uint8Array([4, 5, 6]));
    const { root, asked } = rootWith(dir);
    const stored = await readStoredSnapshot(root);
    expect(stored?.key).toBe('pyodide-314.0.7-sdk-abc');
    expect(Array.from((await stored?.bytes) ?? [])).toEqual([4, 5, 6]);
    expect(asked).toEqual([{ name: 'pyodide-snapshots', create: false }]);
    // No exclusive handle: a follower's read never locks the file against the leader writing it.
    expect(syncReads).toEqual([]);
  });

  it('finds nothing without the directory or without OPFS, and no bytes in an empty file (a write cut short)', async () => {
    expect(await readStoredSnapshot(rootWith(undefined).root)).toBeUndefined();
    expect(await readStoredSnapshot(undefined)).toBeUndefined();
    const { dir, files } = memoryDirectory();
    files.set('pyodide-314.0.7-sdk-abc.snapshot', new Uint8Array());
    const stored = await readStoredSnapshot(rootWith(dir).root);
    expect(stored?.key).toBe('pyodide-314.0.7-sdk-abc');
    expect(await stored?.bytes).toBeUndefined();
  });
});

describe('withStoredSnapshot()', () => {
  it('answers for the stored key from the bytes read before, once, and for any other key from the files', async () => {
    const { dir, files: stored } = memoryDirectory();
    const files = createSnapshotFiles(dir);
    const key = snapshotKey('314.0.7', 'abc');
    const other = snapshotKey('314.0.7', 'def');
    const early = withStoredSnapshot(files, { key, bytes: Promise.resolve(new Uint8Array([7])) });
    // The file itself is gone (another tab replaced it meanwhile): the bytes read before still answer.
    expect(await early.has(key)).toBe(true);
    expect(Array.from((await early.read(key)) ?? [])).toEqual([7]);
    // Dropped after that read: the next one is the file's.
    expect(await early.read(key)).toBeUndefined();
    stored.set(`${other}.snapshot`, new Uint8Array([8]));
    expect(await early.has(other)).toBe(true);
    expect(Array.from((await early.read(other)) ?? [])).toEqual([8]);
    expect(await withStoredSnapshot(files, undefined).has(key)).toBe(false);
  });

  it('says the key is there before its bytes are read, and reads the file when the early read found none', async () => {
    const { dir, files: stored } = memoryDirectory();
    const files = createSnapshotFiles(dir);
    const key = snapshotKey('314.0.7', 'abc');
    let arrive!: (bytes: Uint8Array | undefined) => void;
    const early = withStoredSnapshot(files, { key, bytes: new Promise((resolve) => (arrive = resolve)) });
    expect(await early.has(key)).toBe(true);
    const read = early.read(key);
    stored.set(`${key}.snapshot`, new Uint8Array([9]));
    arrive(undefined);
    expect(Array.from((await read) ?? [])).toEqual([9]);
  });
});
