/** `importJournal` of the executor core: one transaction, a derived summary, refusals, and resuming. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createEngine,
  createMemoryJournalStore,
  createVirtualClock,
  type JournalEvent,
  runToIdle,
  type WorkflowBody,
} from '../engine';
import { StudioDB } from '../persistence';
import type { ExecutorCore } from './executor-core';
import { createTestCore, oneWorkflowRuntime } from './test-core';

const T0 = 1_700_000_000_000;
const body: WorkflowBody = async ({ step }) => {
  await step.do('a', () => 1);
  await step.sleep('nap', '1 hour');
  return step.do('b', () => 2);
};

/** A journal recorded by the engine: until the sleep (`until`), or to the end. */
async function record(id: string, until?: number): Promise<JournalEvent[]> {
  const clock = createVirtualClock(T0);
  const store = createMemoryJournalStore();
  const engine = createEngine({ store, clock, resolveWorkflow: () => body, defer: (cb) => setImmediate(cb) });
  await engine.binding('wf').create({ id });
  await runToIdle(engine, clock, until === undefined ? {} : { until });
  engine.dispose();
  return store.read(id);
}

const runtime = oneWorkflowRuntime(body);

const cores: ExecutorCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose();
});

function setup() {
  const db = new StudioDB(`import-${Math.random().toString(36).slice(2)}`);
  const clock = createVirtualClock(T0);
  const core = createTestCore({ runtime, db, clock, newId: () => 'new' });
  cores.push(core);
  return { core, db, clock };
}

describe('ExecutorCore.importJournal()', () => {
  it('writes every event and the summary derived from them', async () => {
    const events = await record('done-1');
    const { core, db } = setup();
    expect(await core.importJournal(events)).toBe('done-1');
    expect(await db.journal.where('instanceId').equals('done-1').toArray()).toEqual(events);
    expect(await db.instances.get('done-1')).toMatchObject({
      id: 'done-1',
      workflowName: 'wf',
      status: 'complete',
      lastSeq: events.length,
      runs: 2,
      steps: 2,
      error: null,
    });
  });

  it('links the instance to the file holding its source, in the same transaction, when asked to', async () => {
    const events = await record('linked');
    const { core, db } = setup();
    await core.importJournal(events, 'file-7');
    expect(await db.instanceFiles.get('linked')).toEqual({ instanceId: 'linked', fileId: 'file-7' });
    await core.importJournal(await record('unlinked'));
    expect(await db.instanceFiles.get('unlinked')).toBeUndefined();
  });

  it('resumes an unfinished instance imported with its file with that file’s code', async () => {
    const events = await record('mine', T0 + 1000);
    const { core, db, clock } = setup();
    await core.loadSource({ fileId: 'f', version: 1, name: 'wf.py', source: 'wf' });
    await core.importJournal(events, 'f');
    clock.advanceBy(3_600_000);
    await vi.waitFor(async () => expect((await db.instances.get('mine'))?.status).toBe('complete'), {
      timeout: 10_000,
    });
  });

  it('refuses a taken id and changes nothing', async () => {
    const events = await record('dup');
    const { core, db } = setup();
    await core.importJournal(events);
    await expect(core.importJournal(events)).rejects.toThrow(
      '(instance.already_exists) Workflow instance with id "dup" already exists',
    );
    expect(await db.journal.where('instanceId').equals('dup').count()).toBe(events.length);
  });

  it('refuses events that are not one journal', async () => {
    const events = await record('bad');
    const { core, db } = setup();
    await expect(core.importJournal(events.slice(1))).rejects.toThrow(
      'Not imported: a journal starts with an "instance-created" event.',
    );
    const gap = [...events.slice(0, 3), ...events.slice(4)];
    await expect(core.importJournal(gap)).rejects.toThrow('Not imported: event 4 is not event 4 of instance "bad".');
    expect(await db.instances.count()).toBe(0);
  });

  it('resumes an unfinished imported instance once its workflow is loaded', async () => {
    const events = await record('sleepy', T0 + 1000);
    const { core, db, clock } = setup();
    await core.loadSource({ fileId: 'f', version: 1, name: 'wf.py', source: 'wf' });
    await core.importJournal(events);
    expect((await db.instances.get('sleepy'))?.status).toBe('waiting');
    clock.advanceBy(3_600_000);
    await vi.waitFor(async () => expect((await db.instances.get('sleepy'))?.status).toBe('complete'), {
      timeout: 10_000,
    });
  });
});

describe('an instance imported from Cloudflare', () => {
  const record_ = (instanceId: string) => ({
    instanceId,
    label: 'order.json',
    importedAt: T0,
    versionId: null,
    status: 'waiting' as const,
    trigger: 'api',
    truncated: [],
    stop: null,
    rollbacks: [],
  });

  it('is never resumed, refuses every action but delete, and delete forgets its record', async () => {
    const events = await record('cf-1', T0 + 1000);
    const { core, db, clock } = setup();
    await db.cloudflareImports.put(record_('cf-1'));
    await core.loadSource({ fileId: 'f', version: 1, name: 'wf.py', source: 'wf' });
    await core.importJournal(events, 'f');
    // The control, imported the same way without the record, shows the wake happened: cf-1 had its chance.
    await core.importJournal(await record('control', T0 + 1000), 'f');
    clock.advanceBy(3_600_000);
    await vi.waitFor(async () => expect((await db.instances.get('control'))?.status).toBe('complete'), {
      timeout: 10_000,
    });
    expect((await db.instances.get('cf-1'))?.status).toBe('waiting');
    expect(await core.recover()).toMatchObject({ resumed: 0 });
    const refusal =
      'Instance "cf-1" was imported from Cloudflare and is read-only: replay it against your code instead.';
    await expect(core.skipWait('cf-1')).rejects.toThrow(refusal);
    await expect(core.sendEvent('cf-1', { type: 'x' })).rejects.toThrow(refusal);
    await expect(core.terminate('cf-1')).rejects.toThrow(refusal);
    await expect(core.restart('cf-1', undefined)).rejects.toThrow(refusal);
    expect(await db.journal.where('instanceId').equals('cf-1').count()).toBe(events.length);
    await core.deleteInstances(['cf-1']);
    expect(await db.instances.get('cf-1')).toBeUndefined();
    expect(await db.cloudflareImports.get('cf-1')).toBeUndefined();
  });

  it('as the replay copy "Replay against this code" keeps, is refused in its own words, not as an import', async () => {
    const { core, db } = setup();
    await db.cloudflareImports.put({
      ...record_('cf-1-replay'),
      label: 'replay of cf-1 against wf.py',
      replayOf: 'cf-1',
    });
    await core.loadSource({ fileId: 'f', version: 1, name: 'wf.py', source: 'wf' });
    await core.importJournal(await record('cf-1-replay', T0 + 1000), 'f');
    const refusal =
      'Instance "cf-1-replay" is a replay of "cf-1" against your code, kept read-only so it never runs on the real clock: use "Continue here" on "cf-1" to run on from its history, or delete this copy.';
    await expect(core.sendEvent('cf-1-replay', { type: 'x' })).rejects.toThrow(refusal);
    await expect(core.skipWait('cf-1-replay')).rejects.toThrow(refusal);
    await expect(core.terminate('cf-1-replay')).rejects.toThrow(refusal);
    expect((await db.instances.get('cf-1-replay'))?.status).toBe('waiting');
  });

  it('recovery reads which instances are read-only once, not once per unfinished instance', async () => {
    const { core, db } = setup();
    await db.cloudflareImports.put(record_('cf-1'));
    for (const id of ['cf-1', 'local-1', 'local-2', 'local-3']) await core.importJournal(await record(id, T0 + 1000));
    core.dispose();
    const backend = db.backendDB();
    const transaction = vi.spyOn(backend, 'transaction');
    const fresh = createTestCore({ runtime, db, clock: createVirtualClock(T0 + 2000), newId: () => 'new' });
    cores.push(fresh);
    await fresh.loadSource({ fileId: 'f', version: 1, name: 'wf.py', source: 'wf' });
    // No file rows: loading a file with workflow wf resumes all three local instances, never cf-1.
    transaction.mockClear();
    expect(await fresh.recover()).toMatchObject({ resumed: 3 });
    const reads = transaction.mock.calls.filter(([stores]) => [stores].flat().includes('cloudflareImports'));
    expect(reads).toHaveLength(1);
  });
});

describe('ExecutorCore.linkInstanceFile()', () => {
  const file = (id: string) => ({ id, name: `${id}.py`, source: 'wf', version: 1, createdAt: T0, updatedAt: T0 });

  it('links an imported instance to a file for good; unfinished, it resumes once that file (not another) is loaded', async () => {
    const events = await record('orphan', T0 + 1000);
    const { core, db, clock } = setup();
    await core.importJournal(events);
    await core.linkInstanceFile('orphan', 'g');
    expect(await db.instanceFiles.get('orphan')).toEqual({ instanceId: 'orphan', fileId: 'g' });
    // Another file with the same workflow does not resume it any more: it runs g's code. The control, an
    // instance of f asleep until the same time, shows the wake happened: once it completes, orphan had its chance.
    await core.importJournal(await record('control', T0 + 1000), 'f');
    await core.loadSource({ fileId: 'f', version: 1, name: 'f.py', source: 'wf' });
    clock.advanceBy(3_600_000);
    await vi.waitFor(async () => expect((await db.instances.get('control'))?.status).toBe('complete'), {
      timeout: 10_000,
    });
    expect((await db.instances.get('orphan'))?.status).toBe('waiting');
    await core.loadSource({ fileId: 'g', version: 1, name: 'g.py', source: 'wf' });
    clock.advanceBy(3_600_000);
    await vi.waitFor(async () => expect((await db.instances.get('orphan'))?.status).toBe('complete'), {
      timeout: 10_000,
    });
  });

  it('links a finished instance without resuming anything', async () => {
    const { core, db } = setup();
    await core.importJournal(await record('done'));
    await core.linkInstanceFile('done', 'f');
    expect(await db.instanceFiles.get('done')).toEqual({ instanceId: 'done', fileId: 'f' });
    expect((await db.instances.get('done'))?.status).toBe('complete');
  });

  it('relinks an instance whose file was deleted, and refuses one whose file still exists', async () => {
    const { core, db } = setup();
    await core.importJournal(await record('kept'), 'f');
    await db.files.put(file('f'));
    await expect(core.linkInstanceFile('kept', 'g')).rejects.toThrow(
      'Instance "kept" already runs the code of another studio file; it can only be linked to a file while it has none.',
    );
    expect(await db.instanceFiles.get('kept')).toEqual({ instanceId: 'kept', fileId: 'f' });
    await db.files.delete('f');
    await core.linkInstanceFile('kept', 'g');
    expect(await db.instanceFiles.get('kept')).toEqual({ instanceId: 'kept', fileId: 'g' });
  });

  it('refuses an instance that does not exist', async () => {
    const { core, db } = setup();
    await expect(core.linkInstanceFile('ghost', 'f')).rejects.toThrow(
      '(instance.not_found) Workflow instance with id "ghost" not found',
    );
    expect(await db.instanceFiles.count()).toBe(0);
  });
});
