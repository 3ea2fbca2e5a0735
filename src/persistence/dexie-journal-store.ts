import type { InstanceSummary, JournalEvent, JournalStore } from '../engine';
import { guardQuota, isConstraintError, JournalConflictError } from './storage-errors';
import type { StudioDB } from './studio-db';

/** Options of {@link createDexieJournalStore}. */
export interface DexieJournalStoreOptions {
  /**
   * The source file a new instance comes from. Asked when an append holds `instance-created`; the answer is
   * written as an `instanceFiles` row in the same transaction, so an instance never exists without its file.
   */
  fileOf?(instanceId: string): string | undefined;
}

/**
 * The engine's JournalStore on IndexedDB. One `append` is one Dexie transaction over `journal` and
 * `instances` (and `instanceFiles` for a new instance): the events of a transition and the instance summary
 * land together or not at all. `bulkAdd` (not `put`) means a second writer of the same (instanceId, seq)
 * fails instead of overwriting.
 */
export function createDexieJournalStore(db: StudioDB, options: DexieJournalStoreOptions = {}): JournalStore {
  return {
    append(instanceId: string, events: readonly JournalEvent[], summary: InstanceSummary): Promise<void> {
      const fileId = events.some((e) => e.type === 'instance-created') ? options.fileOf?.(instanceId) : undefined;
      return guardQuota(`the journal of instance "${instanceId}"`, async () => {
        try {
          const tables =
            fileId === undefined ? [db.journal, db.instances] : [db.journal, db.instances, db.instanceFiles];
          await db.transaction('rw', tables, async () => {
            if (events.length > 0) await db.journal.bulkAdd(events as JournalEvent[]);
            await db.instances.put(summary);
            if (fileId !== undefined) await db.instanceFiles.put({ instanceId, fileId });
          });
        } catch (e) {
          if (isConstraintError(e)) throw new JournalConflictError(instanceId, events[0]?.seq ?? 0, { cause: e });
          throw e;
        }
      });
    },
    read(instanceId: string): Promise<JournalEvent[]> {
      return db.journal
        .where('[instanceId+seq]')
        .between([instanceId, Number.NEGATIVE_INFINITY], [instanceId, Number.POSITIVE_INFINITY])
        .toArray();
    },
    getInstance(id: string): Promise<InstanceSummary | undefined> {
      return db.instances.get(id);
    },
    listInstances(): Promise<InstanceSummary[]> {
      return db.instances.orderBy('createdAt').toArray();
    },
    deleteInstance(id: string): Promise<void> {
      return db.transaction('rw', db.journal, db.instances, db.instanceFiles, async () => {
        await db.journal.where('instanceId').equals(id).delete();
        await db.instances.delete(id);
        await db.instanceFiles.delete(id);
      });
    },
  };
}
