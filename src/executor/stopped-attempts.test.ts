/**
 * An attempt the supervisor stopped by ending the executor (Kill now, reload, a restart to apply a command) is
 * journaled as failed by the next executor before it resumes anything: retried after the configured delay, not
 * at once, and counted toward the retry limit. TypeScript bodies stand in for Python (no Pyodide needed).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createVirtualClock, type JournalEvent, type WorkflowBody } from '../engine';
import { StudioDB } from '../persistence';
import { type StoppedAttempt, stoppedAttemptError } from '../protocol';
import type { ExecutorCore } from './executor-core';
import { createTestCore, oneWorkflowRuntime } from './test-core';

/** Attempts of "spin" run so far (across cores); the first never ends (it stands for a CPU loop). */
let executions = 0;
const spinOnce =
  (limit: number): WorkflowBody =>
  async ({ step }) =>
    step.do(
      'spin',
      (ctx) => {
        executions += 1;
        return ctx.attempt === 1 ? new Promise<never>(() => {}) : 'spun';
      },
      { retries: { limit, delay: '10 seconds', backoff: 'constant' } },
    );

const cores: ExecutorCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose();
});

const START = 1_700_000_000_000;

/** One executor over `db`; `clock` is shared so the second executor continues the first one's time. */
function executor(db: StudioDB, clock: ReturnType<typeof createVirtualClock>, body: WorkflowBody): ExecutorCore {
  const core = createTestCore({ runtime: oneWorkflowRuntime(body), db, clock });
  cores.push(core);
  return core;
}

const journalOf = async (db: StudioDB, id: string) =>
  (await db.journal.where('instanceId').equals(id).sortBy('seq')) as JournalEvent[];

/** Starts an instance whose attempt 1 of "spin" is in flight, then "kills" that executor. */
async function runaway(limit: number) {
  executions = 0;
  const db = new StudioDB(`stopped-${Math.random().toString(36).slice(2)}`);
  const clock = createVirtualClock(START);
  const first = executor(db, clock, spinOnce(limit));
  await first.loadSource({ fileId: 'f', version: 1, name: 'spin.py', source: 'spin' });
  const [id] = await first.create({ fileId: 'f', workflowName: 'wf', id: 'spin-1' });
  await vi.waitFor(() => expect(executions).toBe(1));
  first.dispose();
  const stopped: StoppedAttempt = {
    instanceId: id as string,
    stepName: 'spin',
    attempt: 1,
    error: stoppedAttemptError('kill', 4_100),
  };
  return { db, clock, id: id as string, stopped };
}

describe('failStoppedAttempts: a killed attempt is journaled before recovery', () => {
  it('journals the attempt as failed with the reason, and recovery retries it after the configured delay', async () => {
    const { db, clock, id, stopped } = await runaway(1);
    const second = executor(db, clock, spinOnce(1));
    await second.failStoppedAttempts([stopped]);
    const failed = (await journalOf(db, id)).at(-1);
    expect(failed).toMatchObject({
      type: 'attempt-failed',
      name: 'spin',
      attempt: 1,
      error: {
        name: 'AttemptStoppedError',
        message: 'Attempt stopped after 4.1 s: the executor was killed ("Kill now").',
      },
      retryAt: START + 10_000,
    });
    expect((await db.instances.get(id))?.lastSeq).toBe(failed?.seq);

    await second.recover();
    // Not straight back into the runaway: the retry waits for its delay.
    await new Promise((r) => setTimeout(r, 50));
    expect(executions).toBe(1);
    clock.advanceBy(10_000);
    await vi.waitFor(async () => expect((await db.instances.get(id))?.status).toBe('complete'));
    expect(executions).toBe(2);
  });

  it('counts toward the retry limit: the last allowed attempt stopped fails the step, and the instance errors', async () => {
    const { db, clock, id, stopped } = await runaway(0);
    const second = executor(db, clock, spinOnce(0));
    await second.failStoppedAttempts([stopped]);
    const tail = (await journalOf(db, id)).slice(-2);
    expect(tail.map((e) => e.type)).toEqual(['attempt-failed', 'step-failed']);
    expect(tail[0]).toMatchObject({ retryAt: null });
    await second.recover();
    await vi.waitFor(async () => expect((await db.instances.get(id))?.status).toBe('errored'));
    expect(executions).toBe(1);
  });

  it('journals an attempt stopped past its timeout (no error given) as the step timeout error', async () => {
    const { db, clock, id, stopped } = await runaway(1);
    const second = executor(db, clock, spinOnce(1));
    const { error: _, ...timedOut } = stopped;
    await second.failStoppedAttempts([timedOut]);
    expect((await journalOf(db, id)).at(-1)).toMatchObject({
      type: 'attempt-failed',
      error: { name: 'WorkflowTimeoutError', message: 'Execution timed out after 600000ms' },
    });
  });

  it('writes nothing for an attempt that is no longer running, or an unknown instance', async () => {
    const { db, clock, id, stopped } = await runaway(1);
    const second = executor(db, clock, spinOnce(1));
    await second.failStoppedAttempts([stopped]);
    const before = await journalOf(db, id);
    const third = executor(db, clock, spinOnce(1));
    await third.failStoppedAttempts([stopped, { ...stopped, instanceId: 'nobody' }]);
    expect(await journalOf(db, id)).toEqual(before);
  });

  it('is refused for an instance the engine has loaded (its journal is the engine’s to write)', async () => {
    const { db, clock, stopped } = await runaway(1);
    const second = executor(db, clock, spinOnce(1));
    await second.recover();
    await expect(second.failStoppedAttempts([stopped])).rejects.toThrow(
      'Instance "spin-1" is already loaded: its stopped attempt cannot be journaled now.',
    );
  });
});
