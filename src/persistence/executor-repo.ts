import { readNow } from './read-now';
import { guardQuota } from './storage-errors';
import type { CloudflareImportRecord, InstanceFileRecord, LoadedSourceRecord, StudioDB } from './studio-db';

/**
 * What the executor keeps besides journals: which file each instance came from, and per file the newest
 * source it imported successfully. Together they let a fresh executor replay every unfinished instance with
 * its own file's code after a reload, before the editor has loaded anything.
 */
export function createExecutorRepo(db: StudioDB) {
  return {
    /** Instance id → file id, for every instance that has one. */
    async instanceFiles(): Promise<Map<string, string>> {
      // The journal mirror writes this table: a read left open while a step blocks the thread would stall it.
      const rows = (await readNow(db, 'instanceFiles', (store) => store.getAll())) as InstanceFileRecord[];
      return new Map(rows.map((r) => [r.instanceId, r.fileId]));
    },
    /** Remembers a successfully imported source, unless a newer version of the file is already recorded. */
    saveLoadedSource(record: LoadedSourceRecord): Promise<void> {
      return guardQuota(`the source of "${record.name}"`, () =>
        db.transaction('rw', db.loadedSources, async () => {
          const known = await db.loadedSources.get(record.fileId);
          if (known && known.version > record.version) return;
          await db.loadedSources.put(record);
        }),
      );
    },
    /** Records (or replaces) the file of an instance. */
    linkFile(instanceId: string, fileId: string): Promise<void> {
      return guardQuota(`the file of instance "${instanceId}"`, async () => {
        await db.instanceFiles.put({ instanceId, fileId });
      });
    },
    /** Whether the studio file `fileId` still exists (files are the UI's; the executor only looks). */
    async fileExists(fileId: string): Promise<boolean> {
      return (await readNow(db, 'files', (store) => store.count(fileId))) === 1;
    },
    /**
     * The Cloudflare record that makes an instance read-only (imported from Cloudflare, or the `<id>-replay` copy
     * "Replay against this code" keeps, with `replayOf`), or undefined for an instance the executor runs.
     */
    readOnlyRecord(instanceId: string): Promise<CloudflareImportRecord | undefined> {
      return readNow(db, 'cloudflareImports', (store) => store.get(instanceId)) as Promise<
        CloudflareImportRecord | undefined
      >;
    },
    /** The ids of every read-only instance, in one read (recovery asks once, not once per instance). */
    async readOnlyIds(): Promise<Set<string>> {
      return new Set((await readNow(db, 'cloudflareImports', (store) => store.getAllKeys())) as string[]);
    },
    /** Forgets the Cloudflare record of a deleted instance. */
    forgetImport(instanceId: string): Promise<void> {
      return db.cloudflareImports.delete(instanceId);
    },
    loadedSource(fileId: string): Promise<LoadedSourceRecord | undefined> {
      return readNow(db, 'loadedSources', (store) => store.get(fileId)) as Promise<LoadedSourceRecord | undefined>;
    },
  };
}

/** The handle `createExecutorRepo` returns. */
export type ExecutorRepo = ReturnType<typeof createExecutorRepo>;
