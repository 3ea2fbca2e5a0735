/**
 * `replayOnVirtualClock` through the executor core: a replay runs on a clock of its own that jumps to each
 * next timer (a new step's retry delays, a new sleep), so its verdict comes at once, and the studio's own
 * journal, engine and clock are not touched. Bodies are TypeScript here (test-core's one-workflow runtime);
 * the Python path is the e2e's (e2e/cloudflare-import.e2e.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createEngine,
  createMemoryJournalStore,
  createVirtualClock,
  type JournalEvent,
  reduceJournal,
  runToIdle,
  type WorkflowBody,
  type WorkflowStep,
} from '../engine';
import { StudioDB } from '../persistence';
import type { PythonRuntime } from '../runtime';
import type { ExecutorCore } from './executor-core';
import { createTestCore, oneWorkflowRuntime } from './test-core';

const T0 = 1_700_000_000_000;
const ran: string[] = [];
const recorded: WorkflowBody = async ({ step }: { step: WorkflowStep }) => {
  await step.do('a', () => ran.push('a'));
  await step.sleep('nap', '1 hour');
  return step.do('b', () => 'done');
};

/** The journal the engine records for `body` up to `until` (or its end), without its last run's end. */
async function history(body: WorkflowBody, until?: number): Promise<JournalEvent[]> {
  const clock = createVirtualClock(T0);
  const store = createMemoryJournalStore();
  const engine = createEngine({ store, clock, resolveWorkflow: () => body, defer: (cb) => setImmediate(cb) });
  await engine.binding('wf').create({ id: 'cf' });
  await runToIdle(engine, clock, until === undefined ? {} : { until });
  engine.dispose();
  const events = await store.read('cf');
  const last = events.at(-1)?.type;
  return last === 'run-finished' || last === 'run-evicted' ? events.slice(0, -1) : events;
}

const cores: ExecutorCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose();
  ran.length = 0;
});

/** A core on a clock that never moves: a replay that used it would never pass a sleep or a retry delay. */
function setup(runtime: Pick<PythonRuntime, 'loadModule'>) {
  const db = new StudioDB(`virtual-${Math.random().toString(36).slice(2)}`);
  const core = createTestCore({ runtime, db, clock: createVirtualClock(T0) });
  cores.push(core);
  return { core, db };
}

const replay = (core: ExecutorCore, events: JournalEvent[]) =>
  core.replayOnVirtualClock({ events, source: 'unused', filename: 'order.py' });

describe('ExecutorCore.replayOnVirtualClock()', () => {
  it('serves every recorded call (nothing runs again) and completes at once', async () => {
    const events = await history(recorded);
    ran.length = 0;
    const { core, db } = setup(oneWorkflowRuntime(recorded));
    const started = performance.now();
    const after = await replay(core, events);
    const ms = performance.now() - started;
    expect(after.slice(0, events.length)).toEqual(events);
    expect(reduceJournal(after)).toMatchObject({ status: 'complete', output: 'done', divergences: [] });
    expect(ran).toEqual([]);
    expect(ms).toBeLessThan(1000);
    // Nothing was written to the studio's journal.
    expect(await db.journal.count()).toBe(0);
  });

  it('runs a new step’s retry delays and a new sleep on its own clock: diverged, with the verdict at once', async () => {
    const events = await history(recorded);
    let tries = 0;
    const edited: WorkflowBody = async ({ step }: { step: WorkflowStep }) => {
      await step.do(
        'check',
        () => {
          tries += 1;
          if (tries < 3) throw new Error('not yet');
          return 'ok';
        },
        { retries: { limit: 5, delay: '1 hour', backoff: 'constant' } },
      );
      await step.sleep('wait a day', '1 day');
      await step.do('a', () => ran.push('a'));
      await step.sleep('nap', '1 hour');
      return step.do('b', () => 'done');
    };
    const { core } = setup(oneWorkflowRuntime(edited));
    const started = performance.now();
    const view = reduceJournal(await replay(core, events));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(tries).toBe(3);
    expect(view.divergences[0]).toMatchObject({ expected: { kind: 'do', name: 'a' }, got: { name: 'check' } });
    expect(view.status).toBe('complete');
    // Two retry delays of an hour and a day's sleep passed on the replay's clock, not on the studio's.
    expect(view.updatedAt - (events.at(-1) as JournalEvent).at).toBeGreaterThanOrEqual(26 * 3_600_000);
  });

  it('stops at a wait for an event nobody sends, after serving what was recorded', async () => {
    const waits: WorkflowBody = async ({ step }: { step: WorkflowStep }) => {
      await step.do('a', () => ran.push('a'));
      return step.waitForEvent('approval', { type: 'approved', timeout: '1 day' });
    };
    const events = await history(waits, T0 + 1000);
    ran.length = 0;
    const { core } = setup(oneWorkflowRuntime(waits));
    const view = reduceJournal(await replay(core, events));
    expect(view.status).toBe('waiting');
    expect(ran).toEqual([]);
  });

  it('says why when the file does not load or does not define the journal’s workflow', async () => {
    const events = await history(recorded);
    const broken = setup({
      loadModule: () => ({
        ok: false,
        error: { kind: 'syntax', name: 'SyntaxError', message: 'invalid syntax', line: 3, column: 1, traceback: '' },
      }),
    });
    await expect(replay(broken.core, events)).rejects.toThrow('order.py:3 did not load: SyntaxError: invalid syntax');
    const other = setup(oneWorkflowRuntime(recorded));
    const renamed = events.map((e) => (e.type === 'instance-created' ? { ...e, workflowName: 'other' } : e));
    await expect(replay(other.core, renamed)).rejects.toThrow('order.py defines no workflow "other" (the journal\'s).');
  });
});
