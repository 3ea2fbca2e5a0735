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
  /** How long appends' change notices are gathered before live queries are told (default 40 ms). */
  notifyDelayMs?: number;
}

/**
 * Appends' change notices are gathered for this long and sent as one: each notice crosses to the UI thread
 * (BroadcastChannel) and wakes its live queries, and the UI reads at most a few times a second anyway, while
 * the executor may append a thousand times a second.
 */
const NOTIFY_DELAY_MS = 40;

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
 * (the UI tab), as Dexie tells them about its own writes, gathered over a few tens of milliseconds. Reads
 * stay on Dexie.
 */
export function createDexieJournalStore(db: StudioDB, options: DexieJournalStoreOptions = {}): JournalStore {
  const changes = createChangeNotifier(db, options.notifyDelayMs ?? NOTIFY_DELAY_MS);
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
        changes.add(instanceId, events, tables);
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

/**
 * Tells Dexie's live queries — here and in other contexts, exactly as Dexie does for its own writes — what the
 * appends of the last `delayMs` changed, in the form they subscribe to (`idb://db/table/index` → keys).
 */
function createChangeNotifier(db: StudioDB, delayMs: number) {
  const journalKeys: Array<[string, number]> = [];
  const instanceIds = new Set<string>();
  const tables = new Set<string>();
  let scheduled = false;

  const send = () => {
    scheduled = false;
    const keys = (list: unknown[]) => new RangeSet().addKeys(list as IndexableType[]);
    const ids = [...instanceIds];
    const parts: Record<string, RangeSet> = {};
    for (const table of tables) {
      const primary = table === 'journal' ? journalKeys : ids;
      const part = (index: string) => `idb://${db.name}/${table}/${index}`;
      parts[part('')] = keys(primary);
      parts[part(':dels')] = keys(primary);
      for (const { name } of db.table(table).schema.indexes) {
        // The journal's only other index is instanceId; a row's other indexed fields (status, updatedAt…) had
        // old values that were not read, so every value of those indexes may have changed.
        parts[part(name)] = name === 'instanceId' ? keys(ids) : new RangeSet(Dexie.minKey, Dexie.maxKey);
      }
    }
    journalKeys.length = 0;
    instanceIds.clear();
    tables.clear();
    Dexie.on.storagemutated.fire(parts);
  };

  return {
    add(instanceId: string, events: readonly JournalEvent[], written: string[]): void {
      for (const e of events) journalKeys.push([e.instanceId, e.seq]);
      instanceIds.add(instanceId);
      for (const t of written) tables.add(t);
      if (scheduled) return;
      scheduled = true;
      setTimeout(send, delayMs);
    },
  };
}
