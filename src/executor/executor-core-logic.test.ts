/**
 * The executor core's own rules, with TypeScript bodies standing in for Python modules (fast, no Pyodide):
 * what store failures become, which instances wait for their file, and the name-only fallback.
 */
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createVirtualClock, type JournalEvent, type WorkflowBody } from '../engine';
import { createDexieJournalStore, StudioDB } from '../persistence';
import { failWritesTo } from '../persistence/test-faults';
import type { WorkerEvent } from '../protocol';
import type { LoadModuleParams, PythonRuntime } from '../runtime';
import type { ExecutorCore } from './executor-core';
import { createTestCore } from './test-core';

/**
 * A runtime whose "modules" are TypeScript: the source text names an entry of `bodies`. A body gets the
 * module's `self.env` as `env`, like Python's `self.env.<BINDING>`.
 */
function fakeRuntime(
  bodies: Record<string, (env: LoadModuleParams['binding']) => WorkflowBody>,
): Pick<PythonRuntime, 'loadModule'> {
  return {
    loadModule(params: LoadModuleParams) {
      const make = bodies[params.source];
      const body = make?.(params.binding);
      if (!body) {
        return {
          ok: false,
          error: { kind: 'syntax', name: 'SyntaxError', message: 'invalid syntax', line: 1, traceback: '' },
        };
      }
      return {
        ok: true,
        module: {
          workflows: [{ className: 'Wf', workflowName: 'wf', bindingName: 'WF', line: 1 }],
          body: (name) => (name === 'wf' ? body : undefined),
          dispose() {},
        },
      };
    },
  };
}

const napThenStep =
  (): WorkflowBody =>
  async ({ step }) => {
    await step.sleep('nap', '1 hour');
    return step.do('after', () => 'done');
  };

const cores: ExecutorCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose();
});

function setup(
  dbName: string,
  bodies: Record<string, (env: LoadModuleParams['binding']) => WorkflowBody> = { nap: napThenStep },
) {
  const events: WorkerEvent[] = [];
  const db = new StudioDB(dbName);
  const clock = createVirtualClock(1_700_000_000_000);
  const core = createTestCore({ runtime: fakeRuntime(bodies), db, clock, emit: (e) => events.push(e) });
  cores.push(core);
  return { core, events, db, clock };
}

const fresh = () => `core-logic-${Math.random().toString(36).slice(2)}`;
/** Waits (polling) until the instance has `status`; under load a fixed pause is not enough. */
const statusIs = (db: StudioDB, id: string, status: string) =>
  vi.waitFor(async () => expect((await db.instances.get(id))?.status).toBe(status), { timeout: 10_000 });
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 10_000 });

/** Loads the "nap" file and creates one instance of it; resolves once the instance waits on its sleep. */
async function napping(core: ExecutorCore, db: StudioDB): Promise<string> {
  await core.loadSource({ fileId: 'f', version: 1, name: 'a.py', source: 'nap' });
  const [id] = await core.create({ fileId: 'f', workflowName: 'wf' });
  await statusIs(db, id as string, 'waiting');
  return id as string;
}

describe('executor core', () => {
  it('turns a full disk into a notice for the user; the instance stays as journaled and resumes later', async () => {
    const name = fresh();
    const { core, events, db, clock } = setup(name);
    const id = await napping(core, db);
    const before = await createDexieJournalStore(db).read(id);
    const restore = failWritesTo(db, 'journal');
    onTestFinished(restore);
    clock.advanceBy(3_600_000);
    await eventually(() => expect(events.some((e) => e.type === 'notice')).toBe(true));
    expect(events.filter((e) => e.type === 'notice')).toEqual([
      {
        type: 'notice',
        level: 'error',
        name: 'StorageFullError',
        message: `The browser's storage for this site is full, so the journal of instance "${id}" could not be saved. Nothing already saved was lost. Delete old instances or snapshots (or free disk space) and try again.`,
        instanceId: id,
      },
    ]);
    expect(await createDexieJournalStore(db).read(id)).toEqual(before);
  });

  it('halts (stops its engine, asks to be replaced) when another writer journaled the same event', async () => {
    const name = fresh();
    const { core, events, db, clock } = setup(name);
    const id = await napping(core, db);
    const journal = await createDexieJournalStore(db).read(id);
    const last = journal.at(-1) as JournalEvent;
    // Another executor (another tab) got there first with the next event.
    await db.journal.add({ ...last, seq: last.seq + 1, type: 'paused' } as JournalEvent);
    clock.advanceBy(3_600_000);
    await eventually(() => expect(events.some((e) => e.type === 'executor-halted')).toBe(true));
    expect(events.filter((e) => e.type === 'executor-halted')).toMatchObject([
      { error: { name: 'JournalConflictError' } },
    ]);
    expect(events.filter((e) => e.type === 'notice')).toEqual([]);
  });

  it('keeps an instance whose file no longer imports waiting, and resumes it once a working version loads', async () => {
    const name = fresh();
    const first = setup(name);
    const id = await napping(first.core, first.db);
    first.core.dispose();
    // The stored source is version 1 ("nap"); in this executor it fails to import (a changed SDK, say).
    const second = setup(name, { fixed: napThenStep });
    expect(await second.core.recover()).toEqual({ type: 'recovered', resumed: 0, waitingForSource: 1 });
    expect(second.events.filter((e) => e.type === 'notice')).toMatchObject([
      { level: 'warning', name: 'SyntaxError', message: expect.stringContaining('a.py no longer imports') },
    ]);
    await second.core.loadSource({ fileId: 'f', version: 2, name: 'a.py', source: 'fixed' });
    second.clock.advanceBy(3_600_000);
    await statusIs(second.db, id, 'complete');
  });

  it('never lets a failed import replace the stored working source', async () => {
    const name = fresh();
    const { core, db } = setup(name);
    await core.loadSource({ fileId: 'f', version: 1, name: 'a.py', source: 'nap' });
    const broken = await core.loadSource({ fileId: 'f', version: 2, name: 'a.py', source: 'does not parse' });
    expect(broken).toMatchObject({ ok: false, version: 2, error: { name: 'SyntaxError', line: 1 } });
    expect((await db.loadedSources.get('f'))?.source).toBe('nap');
  });

  it('resumes instances from before file tracking (no file row) with any loaded file that defines the workflow', async () => {
    const name = fresh();
    const first = setup(name);
    const id = await napping(first.core, first.db);
    first.core.dispose();
    await first.db.instanceFiles.clear();
    const second = setup(name);
    expect(await second.core.recover()).toEqual({ type: 'recovered', resumed: 0, waitingForSource: 1 });
    await second.core.loadSource({ fileId: 'other', version: 1, name: 'b.py', source: 'nap' });
    second.clock.advanceBy(3_600_000);
    await statusIs(second.db, id, 'complete');
  });

  it('attributes an instance a workflow creates through self.env to the creating workflow’s file', async () => {
    const name = fresh();
    const parent =
      (env: LoadModuleParams['binding']): WorkflowBody =>
      async ({ step, event }) => {
        if (event.instanceId === 'child') return 'I am the child';
        return step.do('spawn', async () => (await env('wf').create({ id: 'child' })).id);
      };
    const { core, db } = setup(name, { parent });
    await core.loadSource({ fileId: 'parent-file', version: 1, name: 'p.py', source: 'parent' });
    await core.create({ fileId: 'parent-file', workflowName: 'wf', id: 'parent' });
    await statusIs(db, 'child', 'complete');
    expect(await db.instanceFiles.get('child')).toEqual({ instanceId: 'child', fileId: 'parent-file' });
  });

  it('runs a new instance with the body of the file it was created from, from its first run on', async () => {
    const says = (word: string) => (): WorkflowBody => async () => word;
    const { core, db } = setup(fresh(), { a: says('from a'), b: says('from b') });
    // Two files define the same workflow; b is loaded last, so a name-only lookup would find b's body.
    await core.loadSource({ fileId: 'file-a', version: 1, name: 'a.py', source: 'a' });
    await core.loadSource({ fileId: 'file-b', version: 1, name: 'b.py', source: 'b' });
    const [fromA] = await core.create({ fileId: 'file-a', workflowName: 'wf' });
    const [fromB] = await core.createBatch({ fileId: 'file-b', workflowName: 'wf', items: [{}] });
    await statusIs(db, fromA as string, 'complete');
    await statusIs(db, fromB as string, 'complete');
    const outputOf = async (id: string) =>
      (await db.journal.where('instanceId').equals(id).toArray()).find((e) => e.type === 'run-finished');
    expect(await outputOf(fromA as string)).toMatchObject({ output: 'from a' });
    expect(await outputOf(fromB as string)).toMatchObject({ output: 'from b' });
    expect(await db.instanceFiles.get(fromA as string)).toEqual({ instanceId: fromA, fileId: 'file-a' });
  });

  it('answers commands on unknown instances with the engine’s not-found message', async () => {
    const { core } = setup(fresh());
    await expect(core.pause('nope')).rejects.toThrow('(instance.not_found) Workflow instance with id "nope" not found');
    await expect(core.create({ fileId: 'never', workflowName: 'wf' })).rejects.toThrow(
      'The file never has not been loaded into Python yet; load it before running it.',
    );
  });
});
