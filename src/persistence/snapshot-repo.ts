import { guardQuota } from './storage-errors';
import type { SnapshotRecord, StudioDB } from './studio-db';

export { snapshotKey } from './snapshot-key';

/** Pyodide memory snapshots (tens of MB each): only the current key is kept. */
export function createSnapshotRepo(db: StudioDB, deps: { now(): number }) {
  return {
    get(key: string): Promise<SnapshotRecord | undefined> {
      return db.snapshots.get(key);
    },
    /** Whether a snapshot is stored under `key`, without reading its bytes. */
    async has(key: string): Promise<boolean> {
      return (await db.snapshots.where('key').equals(key).count()) > 0;
    },
    /** Stores the snapshot and drops every other key, so a stale snapshot never wastes quota. */
    put(key: string, bytes: Uint8Array): Promise<void> {
      return guardQuota('the Python start-up snapshot', () =>
        db.transaction('rw', db.snapshots, async () => {
          await db.snapshots.where('key').notEqual(key).delete();
          await db.snapshots.put({ key, bytes, size: bytes.byteLength, createdAt: deps.now() });
        }),
      );
    },
    delete(key: string): Promise<void> {
      return db.snapshots.delete(key);
    },
  };
}

/** The handle `createSnapshotRepo` returns. */
export type SnapshotRepo = ReturnType<typeof createSnapshotRepo>;
