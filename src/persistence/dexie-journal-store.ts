import Dexie, { type IndexableType, RangeSet } from 'dexie';
import type { InstanceSummary, JournalEvent, JournalStore } from '../engine';
import { type JournalRecord, recordOf, type WriteMode } from './journal-record';
import { readNow } from './read-now';
import { guardQuota, isConstraintError, JournalConflictError } from './storage-errors';
import type { StudioDB } from './studio-db';

/** Options of {@link createDexieJournalStore}. */
export interface DexieJournalStoreOptions {
  /** How long appends' change notices are gathered before live queries are told (default 40 ms). */
  notifyDelayMs?: number;
}

/** The Dexie journal store, plus batch writes for the write-ahead log in front of it. */
export interface DexieJournalStore extends JournalStore {
  /** Writes `records` in one transaction (all or nothing), then tells live queries. */
  write(records: readonly JournalRecord[], mode: WriteMode): Promise<void>;
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
export function createDexieJournalStore(db: StudioDB, options: DexieJournalStoreOptions = {}): DexieJournalStore {
  const changes = createChangeNotifier(db, options.notifyDelayMs ?? NOTIFY_DELAY_MS);

  async function write(records: readonly JournalRecord[], mode: WriteMode): Promise<void> {
    const ids = [...new Set(records.map((r) => r.instanceId))];
    const what =
      ids.length === 1
        ? `the journal of instance "${ids[0]}"`
        : `the journals of instances ${ids.map((id) => `"${id}"`).join(', ')}`;
    const tables = records.some((r) => r.fileId !== undefined)
      ? ['journal', 'instances', 'instanceFiles']
      : ['journal', 'instances'];
    await guardQuota(what, async () => {
      if (!db.isOpen()) await db.open();
      try {
        // A replay reads summaries inside the transaction, so it cannot be committed before those reads answer.
        await writeTogether(db.backendDB(), tables, (tx) => fillRecords(tx, records, mode), mode === 'new');
      } catch (e) {
        if (isConstraintError(e)) {
          const first = records[0];
          throw new JournalConflictError(first?.instanceId ?? '', first?.events[0]?.seq ?? 0, { cause: e });
        }
        throw e;
      }
    });
    for (const r of records) changes.add(r.instanceId, r.events, tables);
  }

  return {
    write,
    /**
     * With `instance-created`, the create's `meta.fileId` (the source file the instance comes from) is written as
     * an `instanceFiles` row in the same transaction, so an instance never exists without its file.
     */
    append(instanceId, events, summary, meta): Promise<void> {
      return write([recordOf(instanceId, events, summary, meta)], 'new');
    },
    read(instanceId: string): Promise<JournalEvent[]> {
      const range = IDBKeyRange.bound([instanceId, Number.NEGATIVE_INFINITY], [instanceId, Number.POSITIVE_INFINITY]);
      return readNow(db, 'journal', (store) => store.getAll(range)) as Promise<JournalEvent[]>;
    },
    getInstance(id: string): Promise<InstanceSummary | undefined> {
      return readNow(db, 'instances', (store) => store.get(id)) as Promise<InstanceSummary | undefined>;
    },
    listInstances(): Promise<InstanceSummary[]> {
      return readNow(db, 'instances', (store) => store.index('createdAt').getAll()) as Promise<InstanceSummary[]>;
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
 * The requests of one batch. Only the last summary of each instance is written. In `'replay'` mode an event
 * that already exists is skipped (its request's error is handled, so it does not abort the transaction) and a
 * stored summary with a higher `lastSeq` is kept.
 */
function fillRecords(tx: IDBTransaction, records: readonly JournalRecord[], mode: WriteMode): void {
  const journal = tx.objectStore('journal');
  const instances = tx.objectStore('instances');
  const summaries = new Map<string, InstanceSummary>();
  for (const record of records) {
    for (const event of record.events) {
      const request = journal.add(event);
      if (mode === 'replay') request.onerror = (e) => skipExisting(e, request);
    }
    summaries.set(record.instanceId, record.summary);
    if (record.fileId !== undefined) {
      tx.objectStore('instanceFiles').put({ instanceId: record.instanceId, fileId: record.fileId });
    }
  }
  for (const summary of summaries.values()) {
    if (mode === 'new') {
      instances.put(summary);
      continue;
    }
    const stored = instances.get(summary.id);
    stored.onsuccess = () => {
      const current = stored.result as InstanceSummary | undefined;
      if (!current || current.lastSeq <= summary.lastSeq) instances.put(summary);
    };
  }
}

function skipExisting(e: Event, request: IDBRequest): void {
  if (request.error?.name !== 'ConstraintError') return;
  e.preventDefault();
  e.stopPropagation();
}

/**
 * One readwrite transaction: `fill` issues its requests, then (with `commitNow`) the transaction is committed at
 * once; otherwise it commits when its last request has answered. A failed request whose error is not handled
 * aborts the whole transaction, so nothing of it is kept; the promise rejects with the first error (a
 * request's, or the transaction's, e.g. QuotaExceededError).
 */
function writeTogether(
  idb: IDBDatabase,
  tables: string[],
  fill: (tx: IDBTransaction) => void,
  commitNow: boolean,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const tx = idb.transaction(tables, 'readwrite');
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('The journal write was aborted.', 'AbortError'));
    try {
      fill(tx);
      if (commitNow) tx.commit();
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
  /** Per instance, the lowest and highest journal seq written: one key range, not a key per event. */
  const seqs = new Map<string, { min: number; max: number }>();
  const instanceIds = new Set<string>();
  const tables = new Set<string>();
  let scheduled = false;

  const send = () => {
    scheduled = false;
    const keys = (list: unknown[]) => new RangeSet().addKeys(list as IndexableType[]);
    const ids = [...instanceIds];
    // Every key of a range changed (an instance's seqs are consecutive), and the range crosses threads and
    // tabs in a few bytes where a key per event took kilobytes at a thousand steps a second.
    const journalRanges = () => {
      const set = new RangeSet();
      for (const [id, { min, max }] of seqs) set.add(new RangeSet([id, min], [id, max]));
      return set;
    };
    const parts: Record<string, RangeSet> = {};
    for (const table of tables) {
      const primary = () => (table === 'journal' ? journalRanges() : keys(ids));
      const part = (index: string) => `idb://${db.name}/${table}/${index}`;
      parts[part('')] = primary();
      parts[part(':dels')] = primary();
      for (const { name } of db.table(table).schema.indexes) {
        // The journal's only other index is instanceId; a row's other indexed fields (status, updatedAt…) had
        // old values that were not read, so every value of those indexes may have changed.
        parts[part(name)] = name === 'instanceId' ? keys(ids) : new RangeSet(Dexie.minKey, Dexie.maxKey);
      }
    }
    seqs.clear();
    instanceIds.clear();
    tables.clear();
    Dexie.on.storagemutated.fire(parts);
  };

  return {
    add(instanceId: string, events: readonly JournalEvent[], written: string[]): void {
      for (const e of events) {
        const range = seqs.get(e.instanceId);
        if (!range) seqs.set(e.instanceId, { min: e.seq, max: e.seq });
        else {
          range.min = Math.min(range.min, e.seq);
          range.max = Math.max(range.max, e.seq);
        }
      }
      instanceIds.add(instanceId);
      for (const t of written) tables.add(t);
      if (scheduled) return;
      scheduled = true;
      setTimeout(send, delayMs);
    },
  };
}
