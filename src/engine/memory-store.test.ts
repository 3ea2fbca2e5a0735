import { describe, expect, it } from 'vitest';
import type { JournalEvent } from './journal';
import { createMemoryJournalStore } from './memory-store';
import type { InstanceSummary } from './store';

const event = (seq: number, id = 'i'): JournalEvent => ({ type: 'paused', instanceId: id, seq, at: seq, wall: seq });
const summary = (id: string, lastSeq: number): InstanceSummary => ({
  id,
  workflowName: 'wf',
  status: 'running',
  createdAt: 0,
  updatedAt: lastSeq,
  lastSeq,
  runs: 1,
  steps: 0,
  error: null,
});

describe('createMemoryJournalStore', () => {
  it('appends events and summary together and reads them back in seq order', async () => {
    const store = createMemoryJournalStore();
    await store.append('i', [event(1), event(2)], summary('i', 2));
    await store.append('i', [event(3)], summary('i', 3));
    expect((await store.read('i')).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(await store.getInstance('i')).toEqual(summary('i', 3));
    expect(await store.read('unknown')).toEqual([]);
  });

  it('rejects an append that does not continue the seq, writing nothing of it', async () => {
    const store = createMemoryJournalStore();
    await store.append('i', [event(1)], summary('i', 1));
    await expect(store.append('i', [event(2), event(4)], summary('i', 4))).rejects.toThrow(
      expect.objectContaining({ name: 'IllegalStateError', message: 'Journal "i" expected seq 3, got i#4' }),
    );
    expect((await store.read('i')).map((e) => e.seq)).toEqual([1]);
    expect((await store.getInstance('i'))?.lastSeq).toBe(1);
  });

  it('lists and deletes instances', async () => {
    const store = createMemoryJournalStore();
    await store.append('a', [event(1, 'a')], summary('a', 1));
    await store.append('b', [event(1, 'b')], summary('b', 1));
    expect((await store.listInstances()).map((s) => s.id)).toEqual(['a', 'b']);
    await store.deleteInstance('a');
    expect((await store.listInstances()).map((s) => s.id)).toEqual(['b']);
    expect(await store.read('a')).toEqual([]);
  });
});
