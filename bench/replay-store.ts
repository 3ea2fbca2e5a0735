/**
 * What the replay benchmarks (engine and Python) recover from: a store holding a journal cut just before
 * `run-finished`, as a crash would leave it.
 */
import { createMemoryJournalStore, type JournalEvent, type JournalStore } from '../src/engine';

/** A fresh memory store with `journal` (of `steps` steps) as the running instance "replay" of workflow "bench". */
export async function storeForReplay(journal: JournalEvent[], steps: number, createdAt: number): Promise<JournalStore> {
  const store = createMemoryJournalStore();
  const last = journal.at(-1) as JournalEvent;
  await store.append('replay', journal, {
    id: 'replay',
    workflowName: 'bench',
    status: 'running',
    createdAt,
    updatedAt: last.at,
    lastSeq: last.seq,
    runs: 1,
    steps,
    error: null,
  });
  return store;
}
