import type { InstanceSummary, JournalEvent, JournalStore } from '../engine';
import { guardQuota, isConstraintError, JournalConflictError } from './storage-errors';
import type { StudioDB } from './studio-db';

/**
 * The engine's JournalStore on IndexedDB. One `append` is one Dexie transaction over `journal` and
 * `instances`: the events of a transition and the instance summary land together or not at all.
 * `bulkAdd` (not `put`) means a second writer of the same (instanceId, seq) fails instead of overwriting.
 */
export function createDexieJournalStore(db: StudioDB): JournalStore {
  return {
    append(instanceId: string, events: readonly JournalEvent[], summary: InstanceSummary): Promise<void> {
      return guardQuota(`the journal of instance "${instanceId}"`, async () => {
        try {
          await db.transaction('rw', db.journal, db.instances, async () => {
            if (events.length > 0) await db.journal.bulkAdd(events as JournalEvent[]);
            await db.instances.put(summary);
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
      return db.transaction('rw', db.journal, db.instances, async () => {
        await db.journal.where('instanceId').equals(id).delete();
        await db.instances.delete(id);
      });
    },
  };
}
