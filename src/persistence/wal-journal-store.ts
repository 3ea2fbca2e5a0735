/**
 * The executor's JournalStore when a write-ahead log is available: an append is durable once its frame is in
 * the log (a synchronous file write in the worker, tens of microseconds), and reaches IndexedDB — where the UI
 * and every later reader look — through the journal mirror just after (journal-mirror.ts), the way SQLite's
 * WAL mode reaches its database file.
 *
 * Invariants:
 * - The log holds every append IndexedDB may not have yet. It is emptied only once the mirror reports all of
 *   them stored, and whatever it holds at start is replayed into IndexedDB (`'replay'` mode, idempotent)
 *   before anything is read.
 * - Reads see everything appended before them: they wait until IndexedDB holds it (`settled`).
 * - Appends made in one turn of the event loop go to the mirror together, before the appender's code goes on.
 * - If IndexedDB refuses a batch (storage full), further appends fail with the same error — the engine stops
 *   that instance as it does for any failed append — and each one asks the mirror to try again. Nothing is
 *   lost: the refused appends are in the log.
 */
import type { JournalStore } from '../engine';
import { createDexieJournalStore, type DexieJournalStoreOptions } from './dexie-journal-store';
import { createJournalMirror, type JournalSink, type LoggedAppend, type MirrorReports } from './journal-mirror';
import { type JournalRecord, recordOf } from './journal-record';
import { guardQuota } from './storage-errors';
import type { StudioDB } from './studio-db';
import { encodeFrame, encodeTombstone } from './wal-frames';
import type { WalLog } from './wal-log';

/** A JournalStore that can say when IndexedDB has caught up with it. */
export interface SettlingJournalStore extends JournalStore {
  /** Resolves once IndexedDB holds every append made before the call; rejects while it cannot take them. */
  settled(): Promise<void>;
}

/** Options of {@link createWalJournalStore}. */
export interface WalJournalStoreOptions extends DexieJournalStoreOptions {
  /** See {@link LOG_LIMIT_BYTES} (default 4 MiB). */
  logLimitBytes?: number;
  /** Where appends go after the log (default: a mirror in this thread). */
  sink?(reports: MirrorReports): JournalSink;
}

/**
 * Past this many bytes of log, an append waits until IndexedDB has caught up (the log is emptied then): a
 * long busy run would otherwise keep the log growing, as it is only emptied when nothing is outstanding.
 */
const LOG_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * The store over `db` with `log` in front. Whatever `log` holds from a previous executor is replayed into
 * IndexedDB before any read answers.
 */
export function createWalJournalStore(
  db: StudioDB,
  log: WalLog,
  options: WalJournalStoreOptions = {},
): SettlingJournalStore {
  const logLimit = options.logLimitBytes ?? LOG_LIMIT_BYTES;
  const inner = createDexieJournalStore(db, options);
  let appended = 0;
  let sent = 0;
  let stored = 0;
  let failure: Error | undefined;
  let unsent: LoggedAppend[] = [];
  const waiters: Array<{ upTo: number; resolve(): void; reject(e: Error): void }> = [];

  const sink = (options.sink ?? ((reports) => createJournalMirror(db, reports, options)))({
    stored(upTo) {
      stored = Math.max(stored, upTo);
      if (stored === sent) failure = undefined;
      if (stored === appended && log.size() > 0) log.reset([], false);
      for (let i = waiters.length - 1; i >= 0; i--) {
        const w = waiters[i] as (typeof waiters)[number];
        if (stored < w.upTo) continue;
        waiters.splice(i, 1);
        w.resolve();
      }
    },
    failed(error) {
      failure = error;
      for (const w of waiters.splice(0)) w.reject(error);
    },
  });

  const recovered = log.recover().records;
  if (recovered.length > 0) {
    sink.send(
      1,
      recovered.map((record) => ({ record, frame: encodeFrame(record) })),
      'replay',
    );
    appended = sent = recovered.length;
  }

  /** Sends the appends of this turn; queued as a microtask by the first of them. */
  function flushUnsent(): void {
    const appends = unsent;
    unsent = [];
    sink.send(sent + 1, appends, 'new');
    sent += appends.length;
  }

  function settled(): Promise<void> {
    const upTo = appended;
    if (stored >= upTo) return Promise.resolve();
    if (failure) sink.retry();
    return new Promise((resolve, reject) => waiters.push({ upTo, resolve, reject }));
  }

  function appendRecord(record: JournalRecord): Promise<void> {
    if (failure) {
      sink.retry();
      return Promise.reject(failure);
    }
    const frame = encodeFrame(record);
    try {
      log.append(frame);
    } catch (error) {
      return guardQuota(`the journal of instance "${record.instanceId}"`, () => Promise.reject(error));
    }
    appended += 1;
    if (unsent.push({ record, frame }) === 1) queueMicrotask(flushUnsent);
    return log.size() > logLimit ? settled() : Promise.resolve();
  }

  return {
    settled,
    append(instanceId, events, summary, meta): Promise<void> {
      return appendRecord(recordOf(instanceId, events, summary, meta));
    },
    async read(instanceId) {
      await settled();
      return inner.read(instanceId);
    },
    async getInstance(id) {
      await settled();
      return inner.getInstance(id);
    },
    async listInstances() {
      await settled();
      return inner.listInstances();
    },
    async deleteInstance(id) {
      await settled();
      // The log may still hold this instance's frames (it is emptied only when nothing is pending): a tombstone
      // keeps a later replay from bringing them back.
      log.append(encodeTombstone(id));
      await inner.deleteInstance(id);
    },
  };
}
