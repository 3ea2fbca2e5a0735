import type { InstanceStatus } from './instance-view';
import type { JournalEvent } from './journal';
import type { Ledger } from './ledger';
import type { InstanceMeta } from './types';

/** A row of the instance list: a cache derived from the journal, written with every append. */
export interface InstanceSummary {
  id: string;
  workflowName: string;
  status: InstanceStatus;
  /** Clock time (ms epoch) of `instance-created`. */
  createdAt: number;
  /** Clock time (ms epoch) of the latest event. */
  updatedAt: number;
  lastSeq: number;
  /** Number of runs (replays) so far. */
  runs: number;
  /** Number of `step.do` calls journaled in the current generation. */
  steps: number;
  error: { name: string; message: string } | null;
}

/**
 * Where journals live. `append` is atomic: all events of one transition and the summary are written together,
 * or nothing is. Implementations: `createMemoryJournalStore()` here, `DexieJournalStore` in src/persistence.
 */
export interface JournalStore {
  /** `meta`: the `create`'s host data, given with the append that holds `instance-created` (if any). */
  append(
    instanceId: string,
    events: readonly JournalEvent[],
    summary: InstanceSummary,
    meta?: InstanceMeta,
  ): Promise<void>;
  /** The instance's events ordered by `seq` (empty when unknown). */
  read(instanceId: string): Promise<JournalEvent[]>;
  getInstance(id: string): Promise<InstanceSummary | undefined>;
  listInstances(): Promise<InstanceSummary[]>;
  deleteInstance(id: string): Promise<void>;
}

/** The summary row of a ledger's current state. @internal */
export function summarize(ledger: Ledger): InstanceSummary {
  const v = ledger.view;
  return {
    id: v.id,
    workflowName: v.workflowName,
    status: ledger.status(),
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    lastSeq: v.lastSeq,
    runs: v.runs.length,
    steps: ledger.stepCount,
    error: v.error ? { name: v.error.name, message: v.error.message } : null,
  };
}
