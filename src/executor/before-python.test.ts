/**
 * Journal work before Python is ready: an executor restarted to apply Terminate, Pause or Delete journals the
 * stopped attempts and runs the command while Python still starts (no module loaded), and `recover`, once
 * Python is ready, resumes every other instance from its journal — never the terminated one. TypeScript bodies
 * stand in for Python; the runtime refuses to load anything until the test says Python is ready.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createVirtualClock, type JournalEvent, type WorkflowBody } from '../engine';
import { StudioDB } from '../persistence';
import { stoppedAttemptError } from '../protocol';
import type { PythonRuntime } from '../runtime';
import type { ExecutorCore } from './executor-core';
import { createTestCore } from './test-core';

const START = 1_700_000_000_000;
/** Executions of the runaway step (its attempt 1 never ends: it stands for a CPU loop). */
let spins = 0;

const bodies: Record<string, WorkflowBody> = {
  spin: async ({ step }) =>
    step.do('spin', (ctx) => {
      spins += 1;
      return ctx.attempt === 1 ? new Promise<never>(() => {}) : 'spun';
    }),
  nap: async ({ step }) => {
    await step.sleep('nap', '1 minute');
    return step.do('after', () => 'done');
  },
};

/** A runtime with one workflow, `wf`, per file (the source names its body); none until `python.ready`. */
function runtimeOf(python: { ready: boolean }): Pick<PythonRuntime, 'loadModule'> {
  return {
    loadModule(params) {
      if (!python.ready) throw new Error('Python is not ready yet');
      const body = bodies[params.source] as WorkflowBody;
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

const cores: ExecutorCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose();
});

function executor(db: StudioDB, clock: ReturnType<typeof createVirtualClock>, python = { ready: true }) {
  const core = createTestCore({ runtime: runtimeOf(python), db, clock, pythonReady: () => python.ready });
  cores.push(core);
  return core;
}

const journalOf = async (db: StudioDB, id: string) =>
  (await db.journal.where('instanceId').equals(id).sortBy('seq')) as JournalEvent[];
const statusOf = async (db: StudioDB, id: string) => (await db.instances.get(id))?.status;

describe('journal work before Python is ready', () => {
  it('journals the stopped attempt and Terminate without Python; recover then resumes only the other instance', async () => {
    spins = 0;
    const db = new StudioDB(`before-python-${Math.random().toString(36).slice(2)}`);
    const clock = createVirtualClock(START);
    const first = executor(db, clock);
    await first.loadSource({ fileId: 'f-spin', version: 1, name: 'spin.py', source: 'spin' });
    await first.loadSource({ fileId: 'f-nap', version: 1, name: 'nap.py', source: 'nap' });
    await first.create({ fileId: 'f-spin', workflowName: 'wf', id: 'spin-1' });
    await first.create({ fileId: 'f-nap', workflowName: 'wf', id: 'nap-1' });
    await vi.waitFor(() => expect(spins).toBe(1));
    first.dispose(); // the executor restarted to terminate spin-1
    const napBefore = await journalOf(db, 'nap-1');

    const python = { ready: false };
    const second = executor(db, clock, python);
    await second.failStoppedAttempts([
      { instanceId: 'spin-1', stepName: 'spin', attempt: 1, error: stoppedAttemptError('terminate', 1_200) },
    ]);
    await second.terminate('spin-1');
    expect((await journalOf(db, 'spin-1')).slice(-2).map((e) => e.type)).toEqual(['attempt-failed', 'terminated']);
    expect(await journalOf(db, 'nap-1')).toEqual(napBefore); // nothing else ran

    python.ready = true;
    await second.recover();
    await vi.waitFor(async () => expect((await journalOf(db, 'nap-1')).at(-1)?.type).toBe('run-evicted'));
    clock.advanceBy(60_000);
    await vi.waitFor(async () => expect(await statusOf(db, 'nap-1')).toBe('complete'));
    expect(await statusOf(db, 'spin-1')).toBe('terminated');
    expect(spins).toBe(1);
  });

  it('lets go of an instance a command loaded before Python: recover then starts it (a queued one paused is not)', async () => {
    const db = new StudioDB(`before-python-${Math.random().toString(36).slice(2)}`);
    const clock = createVirtualClock(START);
    // Queued: created, never started (no version of its file imported in the executor that wrote it).
    const created = { instanceId: 'queued-1', seq: 1, at: START, wall: START, workflowName: 'wf', params: {} };
    await executor(db, clock).importJournal([{ ...created, type: 'instance-created' }], 'f-nap');
    await executor(db, clock).loadSource({ fileId: 'f-nap', version: 1, name: 'nap.py', source: 'nap' });
    expect(await statusOf(db, 'queued-1')).toBe('queued');

    const python = { ready: false };
    const next = executor(db, clock, python);
    await next.pause('queued-1'); // Pause does not apply to a queued instance: nothing journaled
    expect(await statusOf(db, 'queued-1')).toBe('queued');
    python.ready = true;
    await next.recover();
    // Started (its run sleeps, then is evicted until the wake): a machine kept from the Pause would not be.
    await vi.waitFor(async () => expect((await journalOf(db, 'queued-1')).at(-1)?.type).toBe('run-evicted'));
    clock.advanceBy(60_000);
    await vi.waitFor(async () => expect(await statusOf(db, 'queued-1')).toBe('complete'));
  });
});
