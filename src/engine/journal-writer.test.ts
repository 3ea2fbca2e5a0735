/**
 * Group commit (journal-writer.ts): a step's success is stored with the next durable commit, never later than
 * the next step body, and every answer of the instance API waits for it.
 */
import { describe, expect, it } from 'vitest';
import { deferred } from './async-utils';
import type { JournalEvent } from './journal';
import { JournalWriter } from './journal-writer';
import { Ledger } from './ledger';
import { createMemoryJournalStore } from './memory-store';
import type { JournalStore } from './store';
import { createHarness, types } from './test-harness';
import type { WorkflowBody } from './types';

/** A memory store that records each append's event types, and what is stored at any moment. */
function recordingStore() {
  const inner = createMemoryJournalStore();
  const appends: string[][] = [];
  const stored: JournalEvent[] = [];
  const store: JournalStore = {
    ...inner,
    append: async (id, events, summary) => {
      await inner.append(id, events, summary);
      appends.push(events.map((e) => e.type));
      stored.push(...events);
    },
  };
  const succeeded = (name: string) => stored.some((e) => e.type === 'step-succeeded' && e.name === name);
  return { store, appends, succeeded };
}

const chain =
  (n: number, seen: (name: string) => void): WorkflowBody =>
  async ({ step }) => {
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += (await step.do(`s${i}`, () => {
        seen(`s${i}`);
        return i;
      })) as number;
    }
    return total;
  };

describe('group commit', () => {
  it('writes a sequential workflow in one append per step: a success goes out with the next step start', async () => {
    const { store, appends } = recordingStore();
    const h = createHarness({ wf: chain(5, () => {}) }, { store });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    expect(await inst.status()).toMatchObject({ status: 'complete', output: 10 });
    expect(appends).toEqual([
      ['instance-created'],
      ['run-started'],
      ['step-started', 'attempt-started'],
      ['step-succeeded', 'step-started', 'attempt-started'],
      ['step-succeeded', 'step-started', 'attempt-started'],
      ['step-succeeded', 'step-started', 'attempt-started'],
      ['step-succeeded', 'step-started', 'attempt-started'],
      ['step-succeeded', 'run-finished'],
    ]);
  });

  it('stores every success before the next step body runs (the output gate)', async () => {
    const { store, succeeded } = recordingStore();
    const missing: string[] = [];
    const h = createHarness(
      {
        wf: chain(6, (name) => {
          const previous = `s${Number(name.slice(1)) - 1}`;
          if (name !== 's0' && !succeeded(previous)) missing.push(`${previous} not stored when ${name} ran`);
        }),
      },
      { store },
    );
    await h.engine.binding('wf').create();
    await h.runToIdle();
    expect(missing).toEqual([]);
  });

  it('stores a success on its own within a few host turns when run() goes on to wait for something else', async () => {
    const { store, succeeded } = recordingStore();
    const external = deferred<void>();
    const h = createHarness(
      {
        wf: async ({ step }) => {
          await step.do('only', () => 1);
          await external.promise;
          return 'done';
        },
      },
      { store },
    );
    await h.engine.binding('wf').create();
    for (let i = 0; i < 20 && !succeeded('only'); i++) await new Promise((r) => setImmediate(r));
    expect(succeeded('only')).toBe(true);
    external.resolve();
    await h.runToIdle();
  });

  it('answers status() only once the success it reports is stored', async () => {
    const { store, succeeded } = recordingStore();
    const reached = deferred<void>();
    const h = createHarness(
      {
        wf: async ({ step }) => {
          await step.do('a', () => 1);
          reached.resolve();
          return new Promise(() => {});
        },
      },
      { store },
    );
    const inst = await h.engine.binding('wf').create();
    await reached.promise;
    await inst.status();
    expect(succeeded('a')).toBe(true);
  });

  it('after a crash before the success was stored, runs the step again and journals one success', async () => {
    const { store } = recordingStore();
    const executed: string[] = [];
    const reached = deferred<void>();
    const hold = deferred<void>();
    const wf: WorkflowBody = async ({ step }) => {
      const a = await step.do('a', () => {
        executed.push('a');
        return 1;
      });
      reached.resolve();
      await hold.promise;
      return a;
    };
    const h = createHarness({ wf }, { store });
    const inst = await h.engine.binding('wf').create();
    await reached.promise;
    // run() has the result, the success is not stored yet: the engine dies now.
    h.engine.dispose();
    expect(types(await store.read(inst.id))).not.toContain('step-succeeded');

    hold.resolve();
    const next = h.reopen();
    await next.engine.recover();
    await next.runToIdle();
    expect(executed).toEqual(['a', 'a']);
    const events = await store.read(inst.id);
    expect(events.filter((e) => e.type === 'step-succeeded')).toHaveLength(1);
    expect(await (await next.engine.binding('wf').get(inst.id)).status()).toMatchObject({ output: 1 });
  });

  it("waits its full turns for every deferred batch: an older batch's timer never writes a newer success alone", async () => {
    const turns: Array<() => void> = [];
    const { store, appends } = recordingStore();
    const ledger = new Ledger();
    const writer = new JournalWriter('w', ledger, {
      store,
      defer: (cb) => turns.push(cb),
      turns: 3,
      activity: { busy: 0, version: 0 },
      onFailed: (error) => {
        throw error;
      },
    });
    let seq = 0;
    const event = (type: string) => {
      const e = { type, instanceId: 'w', seq: ++seq, at: 0, wall: 0, name: 's', count: seq } as unknown as JournalEvent;
      ledger.apply(e);
      return [e];
    };
    const turn = async () => {
      turns.shift()?.();
      await new Promise((r) => setImmediate(r));
    };
    writer.add(event('instance-created'), 'durable');
    await new Promise((r) => setImmediate(r));
    writer.add(event('run-started'), 'deferred'); // batch 1: its timer starts
    await turn();
    await writer.flushed(); // a durable commit takes batch 1 out early
    writer.add(event('step-started'), 'deferred'); // batch 2, with a timer of its own
    await turn(); // batch 1's timer: turn 2 of 3
    await turn(); // batch 1's timer ends here: batch 2 has waited 1 turn only, so nothing is written
    expect(appends).toHaveLength(2);
    await turn();
    await turn();
    await turn();
    expect(appends).toEqual([['instance-created'], ['run-started'], ['step-started']]);
  });
});
