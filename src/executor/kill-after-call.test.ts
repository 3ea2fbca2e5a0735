/**
 * Crash injection inside an attempt (`kill-at-next-step` with `at: 'after-call'`): the step guard kills the
 * executor right after the attempt's next binding call or request completes, so the side effect happened and the
 * attempt's result is never journaled. A new engine over the same journal finds the attempt lost and retries it.
 * The real engine, memory store and virtual clock; the step body is JS reporting its calls as the runtime does.
 */
import { describe, expect, it } from 'vitest';
import {
  type AttemptHooks,
  createEngine,
  createMemoryJournalStore,
  createVirtualClock,
  type Engine,
  type JournalStore,
  messages,
  reduceJournal,
  runToIdle,
  summarizeJournal,
  type VirtualClock,
  type WorkflowBody,
} from '../engine';
import type { KillPoint, StoppedAttempt } from '../protocol';
import { createStepGuard } from './step-guard';
import { stoppedAttemptEvents } from './stopped-attempts';

/** What the outside world saw: charges the step made (they survive the executor, as a KV namespace does). */
interface World {
  charges: number;
  killedAt: KillPoint[];
  /** The attempts each kill cut off, as the worker's `self-kill` carries them to the supervisor. */
  cut: StoppedAttempt[];
}

/** A workflow whose `charge` step charges (a binding call or a request, as `via` says), then returns. */
function chargeBody(world: World, via: 'binding' | 'request' | 'blocked-request' | 'none'): WorkflowBody {
  return async ({ step }) =>
    step.do('charge', async (_ctx, hooks: AttemptHooks) => {
      await Promise.resolve();
      if (via === 'binding') {
        world.charges += 1;
        hooks.binding?.({ binding: 'KV', op: 'put', target: 'ledger:A-17', ok: true });
      } else if (via === 'request') {
        world.charges += 1;
        hooks.request?.({ method: 'POST', url: 'https://pay.example/charge', outcome: 'network', status: 200, ms: 3 });
      } else if (via === 'blocked-request') {
        hooks.request?.({ method: 'POST', url: 'https://pay.example/charge', outcome: 'blocked', error: 'no', ms: 0 });
        world.charges += 1;
      } else {
        world.charges += 1;
      }
      await Promise.resolve();
      return { charged: world.charges };
    });
}

/**
 * One executor: an engine whose bodies are wrapped by a step guard. The kill stops it as a worker's `close()`
 * does: what the current task has queued (microtasks) still runs, nothing after it.
 */
function executor(world: World, store: JournalStore, clock: VirtualClock, body: WorkflowBody) {
  let engine: Engine | undefined;
  const guard = createStepGuard({
    emit: () => {},
    kill: (at, cut) => {
      world.killedAt.push(at);
      if (cut) world.cut.push(cut);
      setImmediate(() => engine?.dispose());
    },
  });
  engine = createEngine({
    store,
    clock,
    resolveWorkflow: (name) => (name === 'charge-flow' ? guard.wrap(body) : undefined),
    defer: (cb) => setImmediate(cb),
  });
  return { engine, guard };
}

async function crashRun(via: Parameters<typeof chargeBody>[1], at: KillPoint = 'after-call') {
  const world: World = { charges: 0, killedAt: [], cut: [] };
  const store = createMemoryJournalStore();
  const clock = createVirtualClock(1_700_000_000_000);
  const body = chargeBody(world, via);
  const first = executor(world, store, clock, body);
  first.guard.armKill(at);
  await first.engine.binding('charge-flow').create({ id: 'i1', params: {} });
  await runToIdle(first.engine, clock);
  const before = reduceJournal(await store.read('i1'));
  const stillArmed = first.guard.armedKill();
  first.engine.dispose();
  const second = executor(world, store, clock, body);
  // As the studio's next executor does first (`fail-stopped-attempts`): the cut-off attempt, journaled as lost.
  for (const cut of world.cut) {
    const journal = await store.read('i1');
    const events = stoppedAttemptEvents(journal, cut, clock.now(), clock.now());
    await store.append('i1', events, summarizeJournal([...journal, ...events]));
  }
  await second.engine.recover();
  await runToIdle(second.engine, clock);
  const after = reduceJournal(await store.read('i1'));
  second.engine.dispose();
  return { world, before, after, stillArmed };
}

describe('crash injection after the next call of an attempt', () => {
  it('kills after the binding call: the charge happened, the attempt is lost and retried, so it charges twice', async () => {
    const { world, before, after, stillArmed } = await crashRun('binding');
    expect(world.killedAt).toEqual(['after-call']);
    expect(stillArmed).toBeUndefined();
    // The executor died with the attempt in flight: its charge is made, its result never journaled.
    expect(before.steps[0]?.attempts).toMatchObject([{ attempt: 1, outcome: 'running' }]);
    expect(after.status).toBe('complete');
    expect(after.steps[0]?.attempts).toMatchObject([
      { attempt: 1, outcome: 'failed', error: { name: 'WorkflowInternalError' } },
      { attempt: 2, outcome: 'succeeded' },
    ]);
    expect(after.output).toEqual({ charged: 2 });
    expect(world.charges).toBe(2);
    // The kill hands over the attempt it cut off with the call it made; journaled with the lost attempt, so
    // the journal shows the charge happened before the crash. Retried at once, as recovery retries a lost one.
    const put = { binding: 'KV', op: 'put', target: 'ledger:A-17', ok: true };
    expect(world.cut).toEqual([{ instanceId: 'i1', stepName: 'charge', attempt: 1, lost: true, bindings: [put] }]);
    const [lost, retried] = after.steps[0]?.attempts ?? [];
    expect(lost?.bindings).toEqual([put]);
    expect(lost?.error?.message).toBe(messages.attemptLost());
    expect(retried?.startedAt).toBe(lost?.endedAt);
  });

  it('kills after a request that reached the network (or a mock) the same way', async () => {
    const { world, after } = await crashRun('request');
    expect(world.killedAt).toEqual(['after-call']);
    expect(after.steps[0]?.attempts.map((a) => a.outcome)).toEqual(['failed', 'succeeded']);
    expect(after.steps[0]?.attempts[0]?.requests).toEqual([
      { method: 'POST', url: 'https://pay.example/charge', outcome: 'network', status: 200, ms: 3 },
    ]);
    expect(world.charges).toBe(2);
  });

  it('does not fire on a request the gate blocked, nor in an attempt that makes no call: it stays armed', async () => {
    for (const via of ['blocked-request', 'none'] as const) {
      const { world, before, stillArmed } = await crashRun(via);
      expect(world.killedAt, via).toEqual([]);
      expect(stillArmed, via).toBe('after-call');
      expect(before.status, via).toBe('complete');
      expect(world.charges, via).toBe(1);
    }
  });

  it('before-attempt (the default) still kills before user code runs: one charge, after recovery', async () => {
    const { world, before, after } = await crashRun('binding', 'before-attempt');
    expect(world.killedAt).toEqual(['before-attempt']);
    expect(world.cut).toEqual([]);
    expect(before.steps[0]?.attempts).toMatchObject([{ attempt: 1, outcome: 'running' }]);
    expect(after.status).toBe('complete');
    expect(world.charges).toBe(1);
  });

  it('a disarmed kill fires nowhere', async () => {
    const world: World = { charges: 0, killedAt: [], cut: [] };
    const clock = createVirtualClock(0);
    const { engine, guard } = executor(world, createMemoryJournalStore(), clock, chargeBody(world, 'binding'));
    guard.armKill('after-call');
    guard.disarmKill();
    await engine.binding('charge-flow').create({ id: 'i1', params: {} });
    await runToIdle(engine, clock);
    expect(world.killedAt).toEqual([]);
    expect(world.charges).toBe(1);
    engine.dispose();
  });
});
