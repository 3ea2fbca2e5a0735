/**
 * Group commit for one instance's journal. Events handed to {@link JournalWriter.add} are already applied to the
 * ledger; the writer gets them into the store in order, in as few `append` calls as it can:
 *
 * - one append is in flight at a time; everything added meanwhile waits and goes out together in the next;
 * - a **durable** add asks for a write now (or right after the one in flight) and resolves once it is stored;
 * - a **deferred** add (a step's success) waits for the next durable add — in a sequential workflow, the next
 *   step's `step-started` — or, if none comes, for `turns` host turns, and then goes out on its own.
 *
 * This is a Durable Object's write coalescing with its output gate: `run()` may see a step's result a moment
 * before it is stored, but nothing outside the run does (every answer of the instance API waits for
 * {@link JournalWriter.flushed}), and no later step body starts before it is stored (a step's `step-started`
 * is a durable add). A crash in between loses only the unstored success, and the step runs again, which
 * at-least-once steps allow; a journaled success never runs again.
 */
import { afterTurns, deferred, NEVER } from './async-utils';
import type { JournalEvent } from './journal';
import type { Ledger } from './ledger';
import { type JournalStore, summarize } from './store';
import type { InstanceMeta } from './types';

/** How a commit waits for the store. */
export type CommitMode = 'durable' | 'deferred';

interface Batch {
  events: JournalEvent[];
  /** Adds in this batch (each holds one unit of `activity.busy` until the batch is stored or dropped). */
  adds: number;
  stored: ReturnType<typeof deferred<void>>;
}

/** What the writer needs from its instance. @internal */
export interface JournalWriterEnv {
  store: JournalStore;
  defer(cb: () => void): void;
  /** Host turns a deferred add waits for a durable one before it is written alone. */
  turns: number;
  activity: { busy: number; version: number };
  /** The store refused an append: the instance must die (nothing more is written). */
  onFailed(error: unknown): void;
}

function newBatch(): Batch {
  const stored = deferred<void>();
  // A deferred add is not awaited: its failure is reported through `onFailed`, not as an unhandled rejection.
  stored.promise.catch(() => undefined);
  return { events: [], adds: 0, stored };
}

/** @internal */
export class JournalWriter {
  private open: Batch | undefined;
  private writing: Batch | undefined;
  private urgent = false;
  /** The open batch a lazy-write timer is running for. */
  private lazyFor: Batch | undefined;
  private stopped = false;

  constructor(
    private readonly instanceId: string,
    private readonly ledger: Ledger,
    private readonly env: JournalWriterEnv,
    /** The create's host data: handed to the store with the append that holds `instance-created`. */
    private readonly meta?: InstanceMeta,
  ) {}

  /** Queues events already applied to the ledger. Resolves once they are stored; never if the writer stops. */
  add(events: JournalEvent[], mode: CommitMode): Promise<void> {
    if (this.stopped) return NEVER;
    this.open ??= newBatch();
    const batch = this.open;
    for (const event of events) batch.events.push(event);
    batch.adds += 1;
    this.env.activity.busy += 1;
    this.env.activity.version += 1;
    if (mode === 'durable') this.urgent = true;
    this.pump();
    return batch.stored.promise;
  }

  /** Resolves when everything added so far is stored (asking for a write now). */
  flushed(): Promise<void> {
    if (this.stopped) return NEVER;
    if (this.open) {
      this.urgent = true;
      const { promise } = this.open.stored;
      this.pump();
      return promise;
    }
    return this.writing ? this.writing.stored.promise : Promise.resolve();
  }

  /** Drops what is not written yet and writes nothing more (the instance died or was killed). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.open) this.env.activity.busy -= this.open.adds;
    this.open = undefined;
  }

  private pump(): void {
    if (this.stopped || this.writing || !this.open) return;
    if (this.urgent) this.write(this.open);
    else this.scheduleLazyWrite();
  }

  /**
   * Writes the open batch alone once it has waited `turns` host turns for a durable commit. The timer belongs
   * to the batch it was set for: if that batch went out meanwhile and a newer one is open, the newer one gets
   * its own full wait (so a success is never written alone just because an older timer was still running).
   */
  private scheduleLazyWrite(): void {
    if (this.lazyFor === this.open) return;
    const batch = this.open;
    this.lazyFor = batch;
    this.env.activity.busy += 1;
    afterTurns(this.env.defer, this.env.turns, () => {
      this.env.activity.busy -= 1;
      if (this.lazyFor === batch) this.lazyFor = undefined;
      if (!this.open || this.stopped) return;
      if (this.open === batch) {
        this.urgent = true;
        this.pump();
      } else if (!this.writing) {
        this.scheduleLazyWrite();
      }
    });
  }

  private write(batch: Batch): void {
    this.open = undefined;
    this.urgent = false;
    this.writing = batch;
    const { activity } = this.env;
    // Every event applied to the ledger is stored or in this batch, so the summary matches the stored journal.
    const created = this.meta !== undefined && batch.events.some((e) => e.type === 'instance-created');
    const summary = summarize(this.ledger);
    const appended = created
      ? this.env.store.append(this.instanceId, batch.events, summary, this.meta)
      : this.env.store.append(this.instanceId, batch.events, summary);
    appended.then(
      () => {
        activity.busy -= batch.adds;
        activity.version += 1;
        this.writing = undefined;
        batch.stored.resolve();
        this.pump();
      },
      (error: unknown) => {
        activity.busy -= batch.adds;
        this.writing = undefined;
        this.env.onFailed(error);
        batch.stored.reject(error);
      },
    );
  }
}
