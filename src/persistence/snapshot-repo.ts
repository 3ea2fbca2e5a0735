import type { SnapshotFiles } from './snapshot-files';
import { guardQuota } from './storage-errors';
import type { StudioDB } from './studio-db';

export { snapshotKey } from './snapshot-key';

/** What the snapshot repo needs besides the database. */
export interface SnapshotRepoDeps {
  now(): number;
  /**
   * Where snapshots live when the browser has OPFS (snapshot-files.ts): read back several times faster than
   * from IndexedDB. Absent: the `snapshots` table. Snapshots an older studio left in the table are dropped
   * once one is stored in the files.
   */
  files?: SnapshotFiles | undefined;
}

/** Pyodide memory snapshots (tens of MB each): only the current key is kept. */
export function createSnapshotRepo(db: StudioDB, deps: SnapshotRepoDeps) {
  const { files } = deps;
  return {
    async get(key: string): Promise<{ bytes: Uint8Array } | undefined> {
      if (!files) return db.snapshots.get(key);
      const bytes = await files.read(key);
      return bytes ? { bytes } : undefined;
    },
    /** Whether a snapshot is stored under `key`, without reading its bytes. */
    async has(key: string): Promise<boolean> {
      if (files) return files.has(key);
      return (await db.snapshots.where('key').equals(key).count()) > 0;
    },
    /** Stores the snapshot and drops every other key, so a stale snapshot never wastes quota. */
    async put(key: string, bytes: Uint8Array): Promise<void> {
      if (files) {
        await guardQuota('the Python start-up snapshot', () => files.write(key, bytes));
        await db.snapshots.clear().catch(() => undefined);
        return;
      }
      return guardQuota('the Python start-up snapshot', () =>
        db.transaction('rw', db.snapshots, async () => {
          await db.snapshots.where('key').notEqual(key).delete();
          await db.snapshots.put({ key, bytes, size: bytes.byteLength, createdAt: deps.now() });
        }),
      );
    },
    delete(key: string): Promise<void> {
      return files ? files.remove(key) : db.snapshots.delete(key);
    },
  };
}

/** The handle `createSnapshotRepo` returns. */
export type SnapshotRepo = ReturnType<typeof createSnapshotRepo>;
