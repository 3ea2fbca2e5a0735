/**
 * The journal mirror: copies appends that are already durable in the write-ahead log into IndexedDB, where
 * the UI and every later reader look. In the browser it runs in its own small worker, so the executor thread
 * never waits on — or spends time issuing — IndexedDB transactions, and a step body that blocks the executor
 * (an endless loop) cannot hold its `attempt-started` back from the UI. In Node tests it runs in-thread.
 *
 * Appends are numbered 1, 2, 3… by the sender and arrive in order. One transaction is in flight at a time;
 * whatever arrives meanwhile goes in the next one, so a busy executor costs a transaction per batch, not per
 * step. A failed transaction (storage full) keeps its appends queued until `retry`.
 */
import { createDexieJournalStore, type DexieJournalStoreOptions } from './dexie-journal-store';
import type { JournalRecord, WriteMode } from './journal-record';
import type { StudioDB } from './studio-db';

/** One append as the log holds it: the record and its encoded frame. */
export interface LoggedAppend {
  record: JournalRecord;
  frame: Uint8Array;
}

/** Where appends go after the log: the mirror, in this thread or behind a worker. */
export interface JournalSink {
  /**
   * Queues appends numbered `first`, `first + 1`… (in order, after every earlier number). The frames may be
   * handed over (transferred): the caller must not use them afterwards.
   */
  send(first: number, appends: readonly LoggedAppend[], mode: WriteMode): void;
  /** Tries the queued appends again after a failure. */
  retry(): void;
}

/** What the mirror reports back to the sender. */
export interface MirrorReports {
  /** IndexedDB holds every append numbered up to `upTo`. */
  stored(upTo: number): void;
  /** A transaction failed; its appends (and those after) stay queued. */
  failed(error: Error): void;
}

/** Options of {@link createJournalMirror}. */
export interface MirrorOptions extends Pick<DexieJournalStoreOptions, 'notifyDelayMs'> {
  /**
   * How long appends are gathered before a transaction starts (default 0: at once). Each transaction costs
   * IndexedDB's process far more than the records in it, so gathering a few milliseconds turns a thousand
   * steps a second into a few dozen transactions.
   */
  gatherMs?: number;
}

interface Queued {
  n: number;
  record: JournalRecord;
  mode: WriteMode;
}

/** A mirror writing to `db` in this thread. */
export function createJournalMirror(db: StudioDB, reports: MirrorReports, options: MirrorOptions = {}): JournalSink {
  const gatherMs = options.gatherMs ?? 0;
  const store = createDexieJournalStore(db, options);
  const queue: Queued[] = [];
  let writing = false;
  let halted = false;

  const gather = () => new Promise<void>((resolve) => setTimeout(resolve, gatherMs));

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (queue.length > 0) {
        if (gatherMs > 0) await gather();
        const mode = (queue[0] as Queued).mode;
        let count = 0;
        while (count < queue.length && (queue[count] as Queued).mode === mode) count += 1;
        const batch = queue.slice(0, count);
        try {
          await store.write(
            batch.map((q) => q.record),
            mode,
          );
        } catch (error) {
          halted = true;
          reports.failed(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        queue.splice(0, count);
        reports.stored((batch.at(-1) as Queued).n);
      }
    } finally {
      writing = false;
    }
  }

  const kick = () => {
    if (!writing && !halted && queue.length > 0) void drain();
  };

  return {
    send(first, appends, mode) {
      appends.forEach(({ record }, i) => {
        queue.push({ n: first + i, record, mode });
      });
      kick();
    },
    retry() {
      halted = false;
      kick();
    },
  };
}
