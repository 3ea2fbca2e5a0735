import { describe, expect, it } from 'vitest';
import { deferred } from './async-utils';
import { createMemoryJournalStore } from './memory-store';
import { createHarness, T0 } from './test-harness';
import type { WorkflowBody, WorkflowEventInfo } from './types';

const werr = (message: string) => expect.objectContaining({ name: 'WorkflowError', message });
const sleeper: WorkflowBody = async ({ step }) => {
  await step.sleep('nap', '1 hour');
  return 'rested';
};

describe('create()', () => {
  it('passes run() the event {payload, timestamp, instanceId, workflowName}, payload {} without params', async () => {
    const seen: WorkflowEventInfo[] = [];
    const h = createHarness({ wf: async ({ event }) => void seen.push(event) });
    const a = await h.engine.binding('wf').create();
    await h.engine.binding('wf').create({ id: 'with-params', params: { user: 'ada' } });
    await h.runToIdle();
    expect(a.id).toBe('id-1');
    expect(seen).toEqual([
      { payload: {}, timestamp: T0, instanceId: 'id-1', workflowName: 'wf' },
      { payload: { user: 'ada' }, timestamp: T0, instanceId: 'with-params', workflowName: 'wf' },
    ]);
  });

  it.each([
    ['', 'Workflow instance has invalid id: it is empty'],
    ['   ', 'Workflow instance has invalid id: "   " contains " "; only letters, digits, "-" and "_" are allowed'],
    [
      '\n\nhello',
      'Workflow instance has invalid id: "\\n\\nhello" contains "\\n"; only letters, digits, "-" and "_" are allowed',
    ],
    ['w'.repeat(101), 'Workflow instance has invalid id: it is 101 characters long; the maximum is 100'],
    [
      '#1231231!!!!',
      'Workflow instance has invalid id: "#1231231!!!!" contains "#"; only letters, digits, "-" and "_" are allowed',
    ],
    [
      '-leading',
      'Workflow instance has invalid id: "-leading" starts with "-"; an id must start with a letter, a digit or "_"',
    ],
  ])('rejects the id %j saying which rule it breaks', async (id, message) => {
    const h = createHarness({ wf: sleeper });
    await expect(h.engine.binding('wf').create({ id })).rejects.toThrow(werr(message));
  });

  it('refuses to create an instance of a workflow whose name Cloudflare refuses (over 64 characters, bad characters)', async () => {
    const long = 'w'.repeat(65);
    const h = createHarness({ [long]: sleeper, '-bad': sleeper, ['w'.repeat(64)]: sleeper });
    await expect(h.engine.binding(long).create()).rejects.toEqual(
      werr(
        `Workflow name "${long}" is invalid: it is 65 characters long; the maximum is 64. Cloudflare refuses to deploy it; rename the workflow (in Python, its class).`,
      ),
    );
    await expect(h.engine.binding('-bad').createBatch([{}])).rejects.toEqual(
      werr(
        'Workflow name "-bad" is invalid: it must match ^[a-zA-Z0-9_][a-zA-Z0-9-_]*$ (letters, digits, "-" and "_", not starting with "-"). Cloudflare refuses to deploy it; rename the workflow (in Python, its class).',
      ),
    );
    await expect(h.engine.binding('w'.repeat(64)).create({ id: 'ok' })).resolves.toMatchObject({ id: 'ok' });
    expect((await h.store.listInstances()).map((i) => i.id)).toEqual(['ok']);
  });

  it('defaults the id to a UUID', async () => {
    const h = createHarness({ wf: sleeper }, { newId: undefined });
    const inst = await h.engine.binding('wf').create();
    expect(inst.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('rejects a taken id with Cloudflare’s message', async () => {
    const h = createHarness({ wf: sleeper });
    await h.engine.binding('wf').create({ id: 'order-1' });
    await expect(h.engine.binding('wf').create({ id: 'order-1' })).rejects.toThrow(
      werr('(instance.already_exists) Workflow instance with id "order-1" already exists'),
    );
  });

  it('rejects a taken id found only in the store (another engine created it)', async () => {
    const h = createHarness({ wf: sleeper });
    await h.engine.binding('wf').create({ id: 'order-1' });
    h.engine.dispose();
    await expect(h.reopen().engine.binding('wf').create({ id: 'order-1' })).rejects.toThrow(
      werr('(instance.already_exists) Workflow instance with id "order-1" already exists'),
    );
  });

  it('rejects params that are not JSON or over 1 MiB', async () => {
    const h = createHarness({ wf: sleeper });
    await expect(h.engine.binding('wf').create({ params: { f: () => 1 } })).rejects.toThrow(
      werr('Workflow instance params are invalid: $.f is a function, which JSON cannot represent'),
    );
    await expect(h.engine.binding('wf').create({ params: 'x'.repeat(1024 * 1024) })).rejects.toThrow(
      werr('Workflow instance params are invalid: 1048578 bytes; the maximum is 1 MiB'),
    );
  });

  it('rejects a workflow the host did not register', async () => {
    const h = createHarness({ wf: sleeper });
    await expect(h.engine.binding('nope').create()).rejects.toThrow(
      werr('(workflow.not_found) Workflow "nope" is not registered'),
    );
  });
});

describe('createBatch()', () => {
  it('creates 1 to 100 instances', async () => {
    const h = createHarness({ wf: async () => 'ok' });
    const handles = await h.engine.binding('wf').createBatch(Array.from({ length: 100 }, (_, i) => ({ id: `b${i}` })));
    await h.runToIdle();
    expect(handles).toHaveLength(100);
    expect((await h.store.listInstances()).filter((s) => s.status === 'complete')).toHaveLength(100);
  });

  it('rejects an empty batch, more than 100, and duplicate ids before creating any', async () => {
    const h = createHarness({ wf: async () => 'ok' });
    const b = h.engine.binding('wf');
    await expect(b.createBatch([])).rejects.toThrow(werr('batchCreate should have at least 1 instance'));
    await expect(b.createBatch(Array.from({ length: 101 }, () => ({})))).rejects.toThrow(
      werr('batchCreate supports at most 100 instances, got 101'),
    );
    await expect(b.createBatch([{ id: 'x' }, { id: 'y' }, { id: 'x' }])).rejects.toThrow(
      werr('(instance.already_exists) Workflow instance with id "x" already exists'),
    );
    expect(await h.store.listInstances()).toEqual([]);
  });
});

describe('get() and status()', () => {
  it('errors with instance.not_found for an unknown id or another workflow’s instance', async () => {
    const h = createHarness({ wf: sleeper, other: sleeper });
    await h.engine.binding('other').create({ id: 'theirs' });
    await expect(h.engine.binding('wf').get('missing')).rejects.toThrow(
      werr('(instance.not_found) Workflow instance with id "missing" not found'),
    );
    await expect(h.engine.binding('wf').get('theirs')).rejects.toThrow(
      werr('(instance.not_found) Workflow instance with id "theirs" not found'),
    );
  });

  it('reports the return value as output and a raised error as {name, message}', async () => {
    const h = createHarness({
      ok: async () => ({ total: 3 }),
      bad: async () => {
        throw new TypeError('wrong type');
      },
    });
    const ok = await h.engine.binding('ok').create();
    const bad = await h.engine.binding('bad').create();
    await h.runToIdle();
    expect(await (await h.engine.binding('ok').get(ok.id)).status()).toEqual({
      status: 'complete',
      output: { total: 3 },
      error: null,
    });
    expect(await bad.status()).toEqual({
      status: 'errored',
      output: null,
      error: { name: 'TypeError', message: 'wrong type' },
    });
  });

  it('goes queued → running → waiting → running → complete, written with every append', async () => {
    const store = createMemoryJournalStore();
    const statuses: string[] = [];
    const h = createHarness(
      { wf: sleeper },
      {
        store: {
          ...store,
          append: (id, events, summary) => {
            statuses.push(`${events.map((e) => e.type).join('+')} → ${summary.status}`);
            return store.append(id, events, summary);
          },
        },
      },
    );
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    expect(statuses).toEqual([
      'instance-created → queued',
      'run-started → running',
      'sleep-started → waiting',
      'run-evicted → waiting',
      'run-started → waiting',
      'sleep-finished → running',
      'run-finished → complete',
    ]);
    expect(await store.getInstance(inst.id)).toMatchObject({ status: 'complete', runs: 2, steps: 0, error: null });
  });
});

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
