import Dexie, { type IndexableType, RangeSet } from 'dexie';
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
 * The engine's JournalStore on IndexedDB. One `append` is one IndexedDB transaction over `journal` and
 * `instances` (and `instanceFiles` for a new instance): the events of a transition and the instance summary
 * land together or not at all. `add` (not `put`) means a second writer of the same (instanceId, seq) fails —
 * and aborts the whole transaction — instead of overwriting.
 *
 * Appends are the hot path (one per step, see the engine's group commit), so they skip Dexie's promise and
 * middleware layers: raw requests on Dexie's own connection, then an explicit `commit()` so the browser
 * commits without waiting for this thread to go idle first (~3× less latency per transaction in Chromium,
 * bench/browser-steps.bench.ts). Dexie's live queries are then told what changed, in this context and others
 * (the UI tab), exactly as Dexie tells them about its own writes. Reads stay on Dexie.
 */
export function createDexieJournalStore(db: StudioDB, options: DexieJournalStoreOptions = {}): JournalStore {
  return {
    append(instanceId: string, events: readonly JournalEvent[], summary: InstanceSummary): Promise<void> {
      const fileId = events.some((e) => e.type === 'instance-created') ? options.fileOf?.(instanceId) : undefined;
      const tables = fileId === undefined ? ['journal', 'instances'] : ['journal', 'instances', 'instanceFiles'];
      return guardQuota(`the journal of instance "${instanceId}"`, async () => {
        if (!db.isOpen()) await db.open();
        try {
          await writeTogether(db.backendDB(), tables, (tx) => {
            const journal = tx.objectStore('journal');
            for (const event of events) journal.add(event);
            tx.objectStore('instances').put(summary);
            if (fileId !== undefined) tx.objectStore('instanceFiles').put({ instanceId, fileId });
          });
        } catch (e) {
          if (isConstraintError(e)) throw new JournalConflictError(instanceId, events[0]?.seq ?? 0, { cause: e });
          throw e;
        }
        Dexie.on.storagemutated.fire(changedParts(db, instanceId, events, tables));
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

/**
 * One readwrite transaction: `fill` issues its requests, then the transaction is committed at once. Any failed
 * request aborts the whole transaction (no request handles its error), so nothing of it is kept; the promise
 * rejects with the first error (a request's, or the transaction's, e.g. QuotaExceededError).
 */
function writeTogether(idb: IDBDatabase, tables: string[], fill: (tx: IDBTransaction) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const tx = idb.transaction(tables, 'readwrite');
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('The journal write was aborted.', 'AbortError'));
    try {
      fill(tx);
      tx.commit();
    } catch (error) {
      reject(error);
      try {
        tx.abort();
      } catch {
        // already finished: nothing to undo
      }
    }
  });
}

/** What an append changed, in the form Dexie's live queries subscribe to (`idb://db/table/index` → keys). */
function changedParts(
  db: StudioDB,
  instanceId: string,
  events: readonly JournalEvent[],
  tables: string[],
): Record<string, RangeSet> {
  const keys = (list: unknown[]) => new RangeSet().addKeys(list as IndexableType[]);
  const journalKeys = events.map((e) => [e.instanceId, e.seq]);
  const parts: Record<string, RangeSet> = {};
  for (const table of tables) {
    const primary = table === 'journal' ? journalKeys : [instanceId];
    const part = (index: string) => `idb://${db.name}/${table}/${index}`;
    parts[part('')] = keys(primary);
    parts[part(':dels')] = keys(primary);
    for (const { name } of db.table(table).schema.indexes) {
      // The journal's only other index is instanceId; a row's other indexed fields (status, updatedAt…) had
      // old values that were not read, so every value of those indexes may have changed.
      parts[part(name)] = name === 'instanceId' ? keys([instanceId]) : new RangeSet(Dexie.minKey, Dexie.maxKey);
    }
  }
  return parts;
}
