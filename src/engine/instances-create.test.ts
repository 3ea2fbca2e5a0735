/**
 * Making instances and reading them back: create() and createBatch() with Cloudflare's refusals, and what get()
 * and status() report as an instance moves through its states. (Pause, terminate, restart and the other
 * controls: instances-control.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { createMemoryJournalStore } from './memory-store';
import { createHarness, sleeper, T0 } from './test-harness';
import type { WorkflowEventInfo } from './types';

const werr = (message: string) => expect.objectContaining({ name: 'WorkflowError', message });

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
