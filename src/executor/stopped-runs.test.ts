/**
 * An instance whose run() held Python outside any step when the executor was ended (Kill now, a reload, a
 * restart) is journaled as errored by the next executor before it resumes anything: recovery never re-enters
 * that code. TypeScript bodies stand in for Python (no Pyodide needed): a promise that never settles outside
 * any step stands for the loop.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createVirtualClock, type JournalEvent, type WorkflowBody } from '../engine';
import { StudioDB } from '../persistence';
import { stoppedAttemptError, stoppedRunError } from '../protocol';
import type { ExecutorCore } from './executor-core';
import { createTestCore, oneWorkflowRuntime } from './test-core';

/** How often run() reached its "loop" (across cores). */
let loops = 0;
/** One step, then (when `spin`) a step left in flight and a loop outside any step; else a sleep. */
const body =
  (spin: boolean): WorkflowBody =>
  async ({ step }) => {
    await step.do('before', async () => 1);
    if (!spin) return step.sleep('nap', '1 hour');
    void step.do('in_flight', () => new Promise<never>(() => {}));
    loops += 1;
    return new Promise<never>(() => {});
  };

const cores: ExecutorCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose();
});

const START = 1_700_000_000_000;

function executor(db: StudioDB, clock: ReturnType<typeof createVirtualClock>, spin: boolean): ExecutorCore {
  const core = createTestCore({ runtime: oneWorkflowRuntime(body(spin)), db, clock });
  cores.push(core);
  return core;
}

const journalOf = async (db: StudioDB, id: string) =>
  (await db.journal.where('instanceId').equals(id).sortBy('seq')) as JournalEvent[];

/** An instance whose run() is "looping" (or sleeping) when its executor is ended. */
async function ended(spin: boolean) {
  loops = 0;
  const db = new StudioDB(`stopped-runs-${Math.random().toString(36).slice(2)}`);
  const clock = createVirtualClock(START);
  const first = executor(db, clock, spin);
  await first.loadSource({ fileId: 'f', version: 1, name: 'loop.py', source: 'loop' });
  const [id = ''] = await first.create({ fileId: 'f', workflowName: 'wf', id: 'loop-1' });
  if (spin) await vi.waitFor(() => expect(loops).toBe(1));
  else await vi.waitFor(async () => expect((await db.instances.get(id))?.status).toBe('waiting'));
  first.dispose();
  return { db, clock, id, run: { instanceId: id, error: stoppedRunError('kill', 12_300) } };
}

describe('failStoppedAttempts with runs: a run killed while it held Python errors its instance', () => {
  it('journals run-errored with the message naming the action; recovery never re-enters the loop', async () => {
    const { db, clock, id, run } = await ended(true);
    const second = executor(db, clock, true);
    await second.failStoppedAttempts([], [run]);
    const last = (await journalOf(db, id)).at(-1);
    expect(last).toMatchObject({
      type: 'run-errored',
      run: 1,
      error: {
        name: 'RunStoppedError',
        message: 'run() kept Python busy 12.3 s outside any step and was stopped by "Kill now".',
      },
    });
    expect((await db.instances.get(id))?.status).toBe('errored');
    await second.recover();
    await new Promise((r) => setTimeout(r, 50));
    expect(loops).toBe(1);
    expect((await journalOf(db, id)).at(-1)).toEqual(last);
  });

  it('journals a stopped attempt of the same instance first, then the run', async () => {
    const { db, clock, id, run } = await ended(true);
    const journal = await journalOf(db, id);
    const attempt = { instanceId: id, stepName: 'in_flight', attempt: 1, error: stoppedAttemptError('kill', 100) };
    await executor(db, clock, true).failStoppedAttempts([attempt], [run]);
    const types = (await journalOf(db, id)).slice(journal.length).map((e) => e.type);
    expect(types).toEqual(['attempt-failed', 'run-errored']);
  });

  it('writes nothing for a run no longer going (evicted to sleep) or an unknown instance', async () => {
    const { db, clock, id, run } = await ended(false);
    const before = await journalOf(db, id);
    await executor(db, clock, false).failStoppedAttempts([], [run, { ...run, instanceId: 'nobody' }]);
    expect(await journalOf(db, id)).toEqual(before);
  });

  it('is refused for an instance the engine has loaded', async () => {
    const { db, clock, run } = await ended(true);
    const second = executor(db, clock, true);
    await second.recover();
    await expect(second.failStoppedAttempts([], [run])).rejects.toThrow(
      'Instance "loop-1" is already loaded: its stopped run cannot be journaled now.',
    );
  });
});
