import { IllegalStateError } from './errors';
import type { JournalEvent } from './journal';
import type { InstanceSummary, JournalStore } from './store';

/**
 * An in-memory {@link JournalStore} (tests, the CLI, benchmarks). It checks that every append continues the
 * instance's `seq` without gaps, so a store bug or a double writer fails loudly. Events and summaries are kept
 * by reference (the engine never mutates them after appending); reads return copies of the lists and summaries.
 */
export function createMemoryJournalStore(): JournalStore {
  const journals = new Map<string, JournalEvent[]>();
  const summaries = new Map<string, InstanceSummary>();
  return {
    async append(instanceId, events, summary) {
      const journal = journals.get(instanceId) ?? [];
      let expected = journal.length + 1;
      for (const event of events) {
        if (event.instanceId !== instanceId || event.seq !== expected) {
          throw new IllegalStateError(
            `Journal "${instanceId}" expected seq ${expected}, got ${event.instanceId}#${event.seq}`,
          );
        }
        expected += 1;
      }
      for (const event of events) journal.push(event);
      journals.set(instanceId, journal);
      summaries.set(instanceId, summary);
    },
    async read(instanceId) {
      return [...(journals.get(instanceId) ?? [])];
    },
    async getInstance(id) {
      const summary = summaries.get(id);
      return summary ? { ...summary } : undefined;
    },
    async listInstances() {
      return [...summaries.values()].map((s) => ({ ...s }));
    },
    async deleteInstance(id) {
      journals.delete(id);
      summaries.delete(id);
    },
  };
}
