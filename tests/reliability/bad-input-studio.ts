/**
 * The studio rows of the bad-input table: commands through the executor core (what the UI's commands reach
 * through the worker), with the journal in IndexedDB (fake-indexeddb in Node).
 */
import { expect, vi } from 'vitest';
import { createVirtualClock, type VirtualClock } from '../../src/engine';
import type { ExecutorCore } from '../../src/executor/executor-core';
import { createTestCore } from '../../src/executor/test-core';
import { createFilesRepo, StudioDB } from '../../src/persistence';
import { failWritesTo } from '../../src/persistence/test-faults';
import type { PythonRuntime } from '../../src/runtime';
import { GOOD } from './bad-input-sources';

export const T0 = 1_800_000_000_000;
export const fresh = (what: string) => `bad-input-${what}-${Math.random().toString(36).slice(2)}`;

/** An executor core over its own database, with the workflow file "f" loaded and a complete instance "done". */
export interface Studio {
  core: ExecutorCore;
  db: StudioDB;
  clock: VirtualClock;
  /** Every table of the database (journal, instances, files, …) as plain data. */
  snapshot(): Promise<Record<string, unknown[]>>;
  dispose(): void;
}

export type CoreRuntime = Pick<PythonRuntime, 'loadModule' | 'activity'>;

/** An executor core on a fresh database (the worker's core, without the worker). */
export function coreOn(runtime: CoreRuntime, db: StudioDB, clock: VirtualClock): ExecutorCore {
  let ids = 0;
  return createTestCore({ runtime, db, clock, wallNow: () => T0, newId: () => `generated-${++ids}` });
}

export const statusIs = (db: StudioDB, id: string, status: string) =>
  vi.waitFor(async () => expect((await db.instances.get(id))?.status).toBe(status), { timeout: 20_000 });

/** Opens the studio the core rows run against. */
export async function openStudio(runtime: CoreRuntime): Promise<Studio> {
  const db = new StudioDB(fresh('studio'));
  const clock = createVirtualClock(T0);
  const core = coreOn(runtime, db, clock);
  const loaded = await core.loadSource({ fileId: 'f', version: 1, name: 'good.py', source: GOOD });
  if (!loaded.ok) throw new Error(loaded.error.message);
  await core.create({ fileId: 'f', workflowName: 'flow', id: 'done', params: { name: 'Ada' } });
  await statusIs(db, 'done', 'complete');
  await createFilesRepo(db, { now: () => T0, newId: () => 'file-1' }).create('good.py', GOOD);
  return {
    core,
    db,
    clock,
    async snapshot() {
      const tables: Record<string, unknown[]> = {};
      for (const table of db.tables) tables[table.name] = await table.toArray();
      return tables;
    },
    dispose() {
      core.dispose();
      db.close();
    },
  };
}

/** A row through the executor core: the failure the UI shows (`{name, message}` of the answer). */
export interface CoreRow {
  what: string;
  run(studio: Studio): Promise<unknown>;
  error: { name: string; message: string };
}

const workflowError = (message: string) => ({ name: 'WorkflowError', message });
const create = (s: Studio, opts: { id?: string; params?: unknown }) =>
  s.core.create({ fileId: 'f', workflowName: 'flow', ...opts });
const MIB_PARAMS = { big: 'x'.repeat(1024 * 1024) };
const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** A core row whose command answers with an error result instead of throwing (loading a source). */
async function loadFails(s: Studio, source: string): Promise<void> {
  const result = await s.core.loadSource({ fileId: 'f', version: 2, name: 'good.py', source });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { name: result.error.name });
}

export const coreRows: CoreRow[] = [
  {
    what: 'Run with an invalid instance id',
    run: (s) => create(s, { id: 'order 42' }),
    error: workflowError(
      'Workflow instance has invalid id: "order 42" contains " "; only letters, digits, "-" and "_" are allowed',
    ),
  },
  {
    what: 'Run with the id of an existing instance',
    run: (s) => create(s, { id: 'done' }),
    error: workflowError('(instance.already_exists) Workflow instance with id "done" already exists'),
  },
  {
    what: 'Run with params over 1 MiB',
    run: (s) => create(s, { params: MIB_PARAMS }),
    error: workflowError('Workflow instance params are invalid: 1048586 bytes; the maximum is 1 MiB'),
  },
  {
    what: 'a batch of 101 instances',
    run: (s) =>
      s.core.createBatch({ fileId: 'f', workflowName: 'flow', items: Array.from({ length: 101 }, () => ({})) }),
    error: workflowError('batchCreate supports at most 100 instances, got 101'),
  },
  {
    what: 'a batch with one invalid id creates none of the others',
    run: (s) =>
      s.core.createBatch({ fileId: 'f', workflowName: 'flow', items: [{ id: 'b-1' }, { id: 'b#2' }, { id: 'b-3' }] }),
    error: workflowError(
      'Workflow instance has invalid id: "b#2" contains "#"; only letters, digits, "-" and "_" are allowed',
    ),
  },
  {
    what: 'a batch that names the same id twice',
    run: (s) => s.core.createBatch({ fileId: 'f', workflowName: 'flow', items: [{ id: 'twin' }, { id: 'twin' }] }),
    error: workflowError('(instance.already_exists) Workflow instance with id "twin" already exists'),
  },
  {
    what: 'Run a workflow the file does not define',
    run: (s) => s.core.create({ fileId: 'f', workflowName: 'other-flow' }),
    error: workflowError('(workflow.not_found) Workflow "other-flow" is not registered'),
  },
  {
    what: 'Run a file that was never loaded into Python',
    run: (s) => s.core.create({ fileId: 'g', workflowName: 'flow' }),
    error: workflowError('The file g has not been loaded into Python yet; load it before running it.'),
  },
  {
    what: 'Terminate a finished instance',
    run: (s) => s.core.terminate('done'),
    error: workflowError('(instance.cannot_terminate) Cannot terminate instance since its on a finite state'),
  },
  {
    what: 'Send an event to a finished instance',
    run: (s) => s.core.sendEvent('done', { type: 'approved', payload: { by: 'ada' } }),
    error: workflowError(
      '(instance.cannot_send_event) Cannot send an event to a workflow instance in the finite state "complete"',
    ),
  },
  {
    what: 'Send an event without a type',
    run: (s) => s.core.sendEvent('done', { type: '' }),
    error: workflowError('Event type must be a non-empty string'),
  },
  {
    what: 'Send an event whose payload is over 1 MiB',
    run: (s) => s.core.sendEvent('done', { type: 'approved', payload: MIB_PARAMS }),
    error: workflowError('Event payload is invalid: 1048586 bytes; the maximum is 1 MiB'),
  },
  {
    what: 'Restart from a step that is not in the history',
    run: (s) => s.core.restart('done', { name: 'refund' }),
    error: workflowError('(instance.cannot_restart) Step "refund" not found in execution history'),
  },
  {
    what: 'Any command for an instance that does not exist',
    run: (s) => s.core.pause('ghost'),
    error: workflowError('(instance.not_found) Workflow instance with id "ghost" not found'),
  },
  {
    what: 'Load a source with a syntax error (the last good version stays)',
    run: (s) => loadFails(s, GOOD.replace('async def run(self, event, step):', 'async def run(self, event, step)')),
    error: { name: 'SyntaxError', message: "expected ':'" },
  },
  {
    what: 'IndexedDB quota exceeded while an instance is created',
    async run(s) {
      const restore = failWritesTo(s.db, 'journal', quota);
      try {
        await create(s, { id: 'no-room' });
      } finally {
        restore();
      }
    },
    error: {
      name: 'StorageFullError',
      message:
        'The browser\'s storage for this site is full, so the journal of instance "no-room" could not be saved. Nothing already saved was lost. Delete old instances or snapshots (or free disk space) and try again.',
    },
  },
  {
    what: 'IndexedDB quota exceeded while an edit is saved',
    async run(s) {
      const full = () => {
        throw quota();
      };
      s.db.files.hook('updating', full);
      try {
        await createFilesRepo(s.db, { now: () => T0 + 1, newId: () => 'unused' }).save('file-1', `${GOOD}\n# edit\n`);
      } finally {
        s.db.files.hook('updating').unsubscribe(full);
      }
    },
    error: {
      name: 'StorageFullError',
      message:
        "The browser's storage for this site is full, so your latest edit could not be saved. Nothing already saved was lost. Delete old instances or snapshots (or free disk space) and try again.",
    },
  },
];
