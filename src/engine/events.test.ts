import { describe, expect, it } from 'vitest';
import type { JournalEvent } from './journal';
import { createHarness, types } from './test-harness';
import type { WorkflowBody } from './types';

const DAY = 24 * 60 * 60 * 1000;

const waitFor =
  (type: string, timeout?: string | number): WorkflowBody =>
  async ({ step }) =>
    step.waitForEvent('w', timeout === undefined ? { type } : { type, timeout });

describe('events', () => {
  it('journals a sent event before any wait receives it', async () => {
    const h = createHarness({ wf: waitFor('ready') });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    await inst.sendEvent({ type: 'ready', payload: { n: 1 } });
    await h.engine.settle();
    const journal = await h.journal(inst.id);
    const sent = journal.findIndex((e) => e.type === 'event-buffered');
    const received = journal.findIndex((e) => e.type === 'event-received');
    expect(sent).toBeGreaterThan(0);
    expect(received).toBeGreaterThan(sent);
  });

  it('returns {type, payload, timestamp} and keeps events sent before the wait for later', async () => {
    const wf: WorkflowBody = async ({ step }) => {
      await step.sleep('first', '1 hour');
      return step.waitForEvent('w', { type: 'ready' });
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    const sentAt = h.clock.now();
    await inst.sendEvent({ type: 'ready', payload: [1, 2] });
    await h.runToIdle();
    expect((await inst.status()).output).toEqual({ type: 'ready', payload: [1, 2], timestamp: sentAt });
  });

  it('queues events per type, first in first out, matching by type only', async () => {
    const wf: WorkflowBody = async ({ step }) => {
      const a1 = await step.waitForEvent('a1', { type: 'a' });
      const b1 = await step.waitForEvent('b1', { type: 'b' });
      const a2 = await step.waitForEvent('a2', { type: 'a' });
      return [a1.payload, b1.payload, a2.payload];
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    for (const [type, payload] of [
      ['a', 'a-first'],
      ['b', 'b-only'],
      ['a', 'a-second'],
    ] as const) {
      await inst.sendEvent({ type, payload });
    }
    await h.runToIdle();
    expect((await inst.status()).output).toEqual(['a-first', 'b-only', 'a-second']);
  });

  it('times a wait out after 24 hours by default with WorkflowTimeoutError', async () => {
    const wf: WorkflowBody = async ({ step }) => {
      try {
        await step.waitForEvent('w', { type: 'never' });
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    const start = h.clock.now();
    await h.runToIdle();
    expect((await inst.status()).output).toBe('WorkflowTimeoutError: Execution timed out after 86400000ms');
    expect(h.clock.now() - start).toBe(DAY);
  });

  it('throws the timeout again on replay, and returns a received event again on replay', async () => {
    const wf: WorkflowBody = async ({ step }) => {
      const got = await step.waitForEvent('got', { type: 'x', timeout: '1 minute' });
      const missed = await step
        .waitForEvent('missed', { type: 'y', timeout: '1 minute' })
        .catch((e: Error) => e.message);
      await step.sleep('nap', '1 hour');
      return [got.payload, missed];
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await inst.sendEvent({ type: 'x', payload: 'payload' });
    await h.runToIdle();
    expect((await inst.status()).output).toEqual(['payload', 'Execution timed out after 60000ms']);
    const last = (await h.view(inst.id)).runs.at(-1);
    expect(last?.replayed.map((c) => c.name)).toEqual(['got', 'missed']);
  });

  it('never lets a timed-out wait swallow an event sent after its timeout', async () => {
    const wf: WorkflowBody = async ({ step }) => {
      const first = await step.waitForEvent('first', { type: 't', timeout: '1 second' }).catch(() => 'timed out');
      await step.sleep('nap', '1 minute');
      const second = await step.waitForEvent('second', { type: 't', timeout: '1 hour' });
      return [first, second.payload];
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    h.clock.advanceBy(5_000);
    await inst.sendEvent({ type: 't', payload: 'late' });
    await h.runToIdle();
    expect((await inst.status()).output).toEqual(['timed out', 'late']);
  });

  it('rejects a wait timeout longer than 365 days', async () => {
    const h = createHarness({ wf: waitFor('t', '366 days') });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    expect((await inst.status()).error).toEqual({
      name: 'WorkflowFatalError',
      message: 'waitForEvent "w" has a timeout longer than the maximum of 365 days',
    });
  });

  it('refuses sendEvent to a finished instance', async () => {
    const h = createHarness({ wf: async () => 'done' });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    await expect(inst.sendEvent({ type: 't' })).rejects.toThrow(
      expect.objectContaining({
        name: 'WorkflowError',
        message:
          '(instance.cannot_send_event) Cannot send an event to a workflow instance in the finite state "complete"',
      }),
    );
  });

  it('refuses an event payload over 1 MiB or not serialisable', async () => {
    const h = createHarness({ wf: waitFor('t') });
    const inst = await h.engine.binding('wf').create();
    await expect(inst.sendEvent({ type: 't', payload: 'x'.repeat(1024 * 1024) })).rejects.toThrow(
      'Event payload is invalid: 1048578 bytes; the maximum is 1 MiB',
    );
    await expect(inst.sendEvent({ type: 't', payload: { when: new Map() } })).rejects.toThrow(
      'Event payload is invalid: $.when is a Map, not a plain object',
    );
  });

  it('delivers to a live waiter without starting a new run', async () => {
    const h = createHarness({ wf: waitFor('t') }, { evictionTurns: 1_000 });
    const inst = await h.engine.binding('wf').create();
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    await inst.sendEvent({ type: 't', payload: 1 });
    await h.engine.settle();
    const journal: JournalEvent[] = await h.journal(inst.id);
    expect(types(journal).filter((t) => t === 'run-started')).toHaveLength(1);
    expect((await inst.status()).status).toBe('complete');
  });
});
