/**
 * The controls on an instance: pause() and resume(), terminate(), restart(), skipWait() and dispose().
 * (Creating and reading instances: instances-create.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { deferred } from './async-utils';
import { createHarness, sleeper } from './test-harness';
import type { WorkflowBody } from './types';

const werr = (message: string) => expect.objectContaining({ name: 'WorkflowError', message });

describe('pause() and resume()', () => {
  it('resume() before the in-flight step ends cancels the pending pause', async () => {
    const step1 = deferred<number>();
    const h = createHarness({
      wf: async ({ step }) =>
        ((await step.do('one', () => step1.promise)) as number) + ((await step.do('two', () => 1)) as number),
    });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    await inst.pause();
    expect((await inst.status()).status).toBe('waitingForPause');
    await inst.resume();
    expect((await inst.status()).status).toBe('running');
    step1.resolve(41);
    await h.runToIdle();
    expect(await inst.status()).toEqual({ status: 'complete', output: 42, error: null });
    expect((await h.view(inst.id)).runs).toHaveLength(1);
  });

  it('holds new steps while a pause is pending and runs them after resume', async () => {
    const slow = deferred<string>();
    const issueLater = deferred<void>();
    const started: string[] = [];
    const h = createHarness({
      wf: async ({ step }) => {
        const a = step.do('slow', () => slow.promise);
        await issueLater.promise;
        const b = step.do('later', () => started.push('later'));
        return Promise.all([a, b]);
      },
    });
    const inst = await h.engine.binding('wf').create();
    await inst.pause();
    // 'later' is issued only now, while the pause waits for 'slow'.
    issueLater.resolve();
    await h.engine.settle();
    expect(started).toEqual([]);
    slow.resolve('done');
    await h.engine.settle();
    expect((await inst.status()).status).toBe('paused');
    await inst.resume();
    await h.runToIdle();
    expect(started).toEqual(['later']);
    expect((await inst.status()).output).toEqual(['done', 1]);
  });

  it('is a no-op on a paused, complete or queued instance; resume() on a running one is a no-op', async () => {
    const h = createHarness({ wf: sleeper, quick: async () => 1 });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    await inst.pause();
    await inst.pause();
    expect((await inst.status()).status).toBe('paused');
    const done = await h.engine.binding('quick').create();
    await h.runToIdle();
    await done.pause();
    await done.resume();
    expect((await done.status()).status).toBe('complete');
  });

  it('keeps an event sent while paused and delivers it after resume', async () => {
    const h = createHarness({ wf: async ({ step }) => (await step.waitForEvent('w', { type: 'go' })).payload });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    await inst.pause();
    await inst.sendEvent({ type: 'go', payload: 'after pause' });
    await h.engine.settle();
    expect((await inst.status()).status).toBe('paused');
    await inst.resume();
    await h.engine.settle();
    expect(await inst.status()).toEqual({ status: 'complete', output: 'after pause', error: null });
  });
});

describe('terminate()', () => {
  it.each(['complete', 'errored'])('errors on a %s instance with Cloudflare’s message', async (final) => {
    const h = createHarness({
      wf: async () => {
        if (final === 'errored') throw new Error('x');
      },
    });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    await expect(inst.terminate()).rejects.toThrow(
      werr('(instance.cannot_terminate) Cannot terminate instance since its on a finite state'),
    );
  });

  it('terminates a running instance at once and discards its in-flight step', async () => {
    const step1 = deferred<string>();
    let evicted = 0;
    const h = createHarness({
      wf: async ({ step, onEvict }) => {
        onEvict(() => evicted++);
        return step.do('slow', () => step1.promise);
      },
    });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    await inst.terminate();
    expect((await inst.status()).status).toBe('terminated');
    step1.resolve('late');
    await h.runToIdle();
    expect(evicted).toBe(1);
    expect((await h.journal(inst.id)).map((e) => e.type)).not.toContain('step-succeeded');
    await expect(inst.terminate()).rejects.toThrow('Cannot terminate instance since its on a finite state');
  });
});

describe('restart()', () => {
  it('errors for a step not in the history', async () => {
    const h = createHarness({ wf: sleeper });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    await expect(inst.restart({ from: { name: 'ghost' } })).rejects.toThrow(
      werr('(instance.cannot_restart) Step "ghost" not found in execution history'),
    );
  });

  it.each([0, 1, 2, 3, 4, 5])(
    'journals nothing for a run stopped by restart() %i microtasks after its step returned a bad value',
    async (offset) => {
      const result = deferred<unknown>();
      let runs = 0;
      const h = createHarness({
        wf: async ({ step }) => {
          runs++;
          return step.do('bad', () => (runs === 1 ? result.promise : 'fine'));
        },
      });
      const inst = await h.engine.binding('wf').create();
      await h.engine.settle();
      const restarted = inst.restart();
      for (let i = 0; i < offset; i++) await Promise.resolve();
      result.resolve({ notJson: () => 1 });
      await restarted;
      await h.runToIdle();
      const types = (await h.journal(inst.id)).map((e) => e.type);
      expect(types.slice(types.indexOf('restarted'))).not.toContain('run-errored');
      expect(await inst.status()).toEqual({ status: 'complete', output: 'fine', error: null });
    },
  );

  it('restarts from a waitForEvent call (type: "waitForEvent") and its count', async () => {
    const h = createHarness({
      wf: async ({ step }) => {
        const first = await step.waitForEvent('w', { type: 'go' });
        const second = await step.waitForEvent('w', { type: 'go' });
        return [first.payload, second.payload];
      },
    });
    const inst = await h.engine.binding('wf').create();
    for (const payload of [1, 2, 3]) await inst.sendEvent({ type: 'go', payload });
    await h.engine.settle();
    expect((await inst.status()).output).toEqual([1, 2]);
    await inst.restart({ from: { name: 'w', count: 2, type: 'waitForEvent' } });
    await inst.sendEvent({ type: 'go', payload: 4 });
    await h.engine.settle();
    expect((await inst.status()).output).toEqual([1, 4]);
  });

  it('keeps the old journal as history and drops events not yet consumed', async () => {
    const h = createHarness({ wf: async ({ step }) => (await step.waitForEvent('w', { type: 'go' })).payload });
    const inst = await h.engine.binding('wf').create();
    await inst.sendEvent({ type: 'go', payload: 1 });
    await inst.sendEvent({ type: 'go', payload: 2 });
    await h.engine.settle();
    await inst.restart();
    await h.engine.settle();
    const view = await h.view(inst.id);
    expect(view.events.map((e) => [e.payload, e.consumedBy?.name ?? null, e.dropped])).toEqual([
      [1, 'w', false],
      [2, null, true],
    ]);
    expect(view.calls.map((c) => [c.generation, c.status])).toEqual([
      [0, 'received'],
      [1, 'waiting'],
    ]);
    expect(view.status).toBe('waiting');
  });
});

describe('skipWait()', () => {
  it.each([
    ['sleep', async ({ step }) => step.sleep('s', '1 day')],
    ['retry', async ({ step }) => step.do('r', (ctx) => ctx.attempt === 1 && Promise.reject(new Error('x')))],
    ['wait-timeout', async ({ step }) => step.waitForEvent('w', { type: 't' }).catch(() => 'timed out')],
  ] as Array<[string, WorkflowBody]>)('ends a pending %s now without moving the clock', async (kind, wf) => {
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    expect(h.engine.pendingWake(inst.id)?.kind).toBe(kind);
    const before = h.clock.now();
    await h.engine.skipWait(inst.id);
    await h.engine.settle();
    expect((await inst.status()).status).toBe('complete');
    expect(h.clock.now()).toBe(before);
    expect(h.engine.pendingWake(inst.id)).toBeUndefined();
  });
});

describe('dispose()', () => {
  it('makes the engine refuse further use', async () => {
    const h = createHarness({ wf: sleeper });
    h.engine.dispose();
    h.engine.dispose();
    await expect(h.engine.binding('wf').create()).rejects.toThrow(
      expect.objectContaining({ name: 'IllegalStateError', message: 'The engine is disposed' }),
    );
    await h.engine.settle();
  });
});
