import { describe, expect, it } from 'vitest';
import type { CallsReplayedEvent, DivergenceDetectedEvent } from './journal';
import { createHarness, types } from './test-harness';
import type { WorkflowBody } from './types';

describe('replay', () => {
  it('re-runs run() from the top on every wake without re-executing journaled steps', async () => {
    const executed: string[] = [];
    let bodyRuns = 0;
    const wf: WorkflowBody = async ({ step }) => {
      bodyRuns++;
      await step.do('a', () => executed.push('a'));
      await step.sleep('first', '1 minute');
      await step.do('b', () => executed.push('b'));
      await step.sleep('second', '1 minute');
      return step.do('c', () => executed.push('c'));
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    expect(bodyRuns).toBe(3);
    expect(executed).toEqual(['a', 'b', 'c']);
    expect((await h.view(inst.id)).runs.map((r) => r.end)).toEqual(['evicted', 'evicted', 'finished']);
  });

  it('keys calls by (name, count) with separate counters per kind', async () => {
    const h = createHarness({
      wf: async ({ step }) => {
        await step.do('x', () => 1);
        await step.do('x', () => 2);
        await step.sleep('x', 10);
        await step.sleep('x', 10);
        await step.do('x', () => 3);
      },
    });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    expect((await h.view(inst.id)).calls.map((c) => `${c.kind}:${c.name}:${c.count}`)).toEqual([
      'do:x:1',
      'do:x:2',
      'sleep:x:1',
      'sleep:x:2',
      'do:x:3',
    ]);
  });

  it('journals which calls a run served from the journal, and which it executed', async () => {
    const h = createHarness({
      wf: async ({ step }) => {
        await step.do('a', () => 1);
        await step.sleep('nap', '1 hour');
        await step.do('b', () => 2);
      },
    });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    const journal = await h.journal(inst.id);
    const replayed = journal.filter((e): e is CallsReplayedEvent => e.type === 'calls-replayed');
    expect(replayed.map((e) => [e.run, e.calls])).toEqual([[2, [{ kind: 'do', name: 'a', count: 1 }]]]);
    const [, second] = (await h.view(inst.id)).runs;
    expect(second?.executed.map((c) => c.name)).toEqual(['nap', 'b']);
  });

  it('ends a run blocked on an unfinished sleep: onEvict fires and code after the sleep never runs in that run', async () => {
    const after: number[] = [];
    let evicted = 0;
    const wf: WorkflowBody = async ({ step, run, onEvict }) => {
      onEvict(() => evicted++);
      await step.sleep('nap', '10 seconds');
      after.push(run);
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    expect(evicted).toBe(1);
    expect(await inst.status()).toEqual({ status: 'waiting', output: null, error: null });
    expect(h.engine.pendingWake(inst.id)).toEqual({ at: h.clock.now() + 10_000, kind: 'sleep' });
    await h.runToIdle();
    expect(after).toEqual([2]);
  });

  it('evicts during a retry delay and continues the attempts in the next run', async () => {
    let attempts = 0;
    const wf: WorkflowBody = async ({ step }) =>
      step.do(
        'flaky',
        () => {
          if (++attempts < 3) throw new Error(`try ${attempts}`);
          return attempts;
        },
        { retries: { limit: 5, delay: '30 seconds', backoff: 'constant' } },
      );
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    expect((await inst.status()).status).toBe('waiting');
    expect(h.engine.pendingWake(inst.id)?.kind).toBe('retry');
    await h.runToIdle();
    expect(await inst.status()).toEqual({ status: 'complete', output: 3, error: null });
    const view = await h.view(inst.id);
    expect(view.runs).toHaveLength(3);
    expect(view.steps[0]?.attempts.map((a) => a.run)).toEqual([1, 2, 3]);
  });

  it('keeps the replayed calls of a run that a restart stopped in its lane', async () => {
    const never = new Promise<never>(() => {});
    const h = createHarness({
      wf: async ({ step }) => {
        await step.do('a', () => 1);
        await step.sleep('nap', '1 minute');
        await step.do('hangs', () => never);
      },
    });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle(h.clock.now() + 60_000);
    await inst.restart();
    await h.engine.settle();
    const runs = (await h.view(inst.id)).runs;
    expect(runs.map((r) => [r.run, r.end, r.replayed.map((c) => c.name)])).toEqual([
      [1, 'evicted', []],
      [2, 'restarted', ['a']],
      [3, 'evicted', []],
    ]);
  });

  it('loses state kept outside steps on replay (a rule of workflows)', async () => {
    const wf: WorkflowBody = async ({ step }) => {
      const names: string[] = [];
      await step.do('collect', () => names.push('outside'));
      await step.sleep('nap', '1 second');
      return names;
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    expect((await inst.status()).output).toEqual([]);
  });

  it('re-executes a step with a non-deterministic name on every replay and journals the divergence', async () => {
    let executions = 0;
    const wf: WorkflowBody = async ({ step, run }) => {
      await step.do(`stamp-${run}`, () => ++executions);
      await step.sleep('nap', '1 second');
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    expect(executions).toBe(2);
    const divergences = (await h.journal(inst.id)).filter(
      (e): e is DivergenceDetectedEvent => e.type === 'divergence-detected',
    );
    expect(divergences.map(({ run, expected, got }) => ({ run, expected, got }))).toEqual([
      { run: 2, expected: { kind: 'do', name: 'stamp-1', count: 1 }, got: { kind: 'do', name: 'stamp-2', count: 1 } },
    ]);
  });

  it('journals a divergence when edited code issues another kind of call, and continues with the new code', async () => {
    let edited = false;
    const wf: WorkflowBody = async ({ step }) => {
      await step.do('a', () => 'a');
      if (!edited) await step.sleep('pause here', '1 minute');
      else await step.waitForEvent('pause here', { type: 'go', timeout: '1 second' }).catch(() => null);
      return edited;
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    edited = true;
    await h.runToIdle();
    expect(await inst.status()).toEqual({ status: 'complete', output: true, error: null });
    const view = await h.view(inst.id);
    expect(view.divergences.map(({ expected, got }) => ({ expected, got }))).toEqual([
      {
        expected: { kind: 'sleep', name: 'pause here', count: 1 },
        got: { kind: 'wait', name: 'pause here', count: 1 },
      },
    ]);
    expect(view.calls.map((c) => `${c.kind}:${c.status}`)).toEqual([
      'do:succeeded',
      'sleep:sleeping',
      'wait:timed-out',
    ]);
  });

  it('replays the calls kept by restart(from=<sleep>) and runs the edited code after them', async () => {
    let version = 1;
    const wf: WorkflowBody = async ({ step }) => {
      await step.do('a', () => 'a');
      await step.sleep('nap', '1 minute');
      if (version === 1) await step.do('b', () => 'old b');
      else await step.waitForEvent('b', { type: 'go', timeout: '1 second' }).catch(() => null);
      return version;
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    expect((await inst.status()).output).toBe(1);
    version = 2;
    await inst.restart({ from: { name: 'nap', type: 'sleep' } });
    await h.runToIdle();
    expect((await inst.status()).output).toBe(2);
    const view = await h.view(inst.id);
    expect(view.divergences).toEqual([]);
    expect(view.steps.map((s) => s.name)).toEqual(['a']);
    expect(view.runs.at(-2)?.replayed).toEqual([{ kind: 'do', name: 'a', count: 1 }]);
  });

  it('journals expected vs got when a replayed run asks for a different step than the journal holds', async () => {
    let name = 'charge';
    const wf: WorkflowBody = async ({ step }) => {
      await step.do(name, () => name);
      await step.sleep('nap', '1 minute');
      return step.do('after', () => 'done');
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    name = 'charge-card';
    await h.runToIdle();
    const view = await h.view(inst.id);
    expect(view.divergences.map(({ run, expected, got }) => ({ run, expected, got }))).toEqual([
      {
        run: 2,
        expected: { kind: 'do', name: 'charge', count: 1 },
        got: { kind: 'do', name: 'charge-card', count: 1 },
      },
    ]);
    expect(view.runs[1]?.divergence?.got?.name).toBe('charge-card');
    expect(await inst.status()).toEqual({ status: 'complete', output: 'done', error: null });
  });

  it('does not call journaled calls missing when an evicted run had not reached them yet', async () => {
    let renamed = false;
    const wf: WorkflowBody = async ({ step }) => {
      await step.do('fetch', () => 'order');
      if (!renamed) await step.do('charge', () => 'charged');
      else {
        await step.do(
          'charge-payment',
          (ctx) => {
            if (ctx.attempt === 1) throw new Error('card declined, try again');
            return 'charged';
          },
          { retries: { limit: 2, delay: '5 seconds', backoff: 'constant' } },
        );
      }
      await step.sleep('cool off', '1 hour');
      return step.do('receipt', () => 'receipt');
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    renamed = true;
    await h.runToIdle();
    const view = await h.view(inst.id);
    // Run 2 made "charge-payment" and was evicted for its retry delay before it got to "cool off": only run 3,
    // which finished, shows that "charge" is gone for good — and "cool off" is still the code's.
    expect(view.runs.map((r) => r.end)).toEqual(['evicted', 'evicted', 'finished']);
    expect(view.divergences.map(({ run, expected, got, missing }) => ({ run, expected, got, missing }))).toEqual([
      {
        run: 3,
        expected: { kind: 'do', name: 'charge', count: 1 },
        got: { kind: 'do', name: 'charge-payment', count: 1 },
        missing: [{ kind: 'do', name: 'charge', count: 1 }],
      },
    ]);
    expect(view.calls.filter((c) => c.orphaned).map((c) => c.name)).toEqual(['charge']);
    expect(await inst.status()).toEqual({ status: 'complete', output: 'receipt', error: null });
  });

  it('calls a journaled call missing when an evicted run skipped it to make a later journaled call', async () => {
    let edited = false;
    const wf: WorkflowBody = async ({ step }) => {
      if (!edited) await step.do('a', () => 'a');
      await step.do('b', () => 'b');
      await step.sleep(edited ? 'longer nap' : 'nap', '1 minute');
      return step.do('c', () => 'c');
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    edited = true;
    await h.runToIdle(h.clock.now() + 60_000);
    const view = await h.view(inst.id);
    expect(view.runs.map((r) => r.end)).toEqual(['evicted', 'evicted']);
    // Run 2 went on to "b" without "a": "a" is missing at once; the sleep it has not reached is not.
    expect(view.divergences.map(({ run, expected, got, missing }) => ({ run, expected, got, missing }))).toEqual([
      {
        run: 2,
        expected: { kind: 'do', name: 'a', count: 1 },
        got: { kind: 'do', name: 'b', count: 1 },
        missing: [{ kind: 'do', name: 'a', count: 1 }],
      },
    ]);
  });

  it('does not report reordered concurrent replays as a divergence', async () => {
    const order: string[] = [];
    const wf: WorkflowBody = async ({ step }) => {
      const slow = step.do('slow', () => new Promise((r) => setImmediate(() => r(order.push('slow')))));
      const fast = (async () => {
        await step.do('fast', () => order.push('fast'));
        await step.do('after-fast', () => order.push('after-fast'));
      })();
      await Promise.all([slow, fast]);
      await step.sleep('nap', '1 minute');
      await step.do('after-fast', () => 'second');
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    expect((await h.view(inst.id)).divergences).toEqual([]);
    expect(h.engine.replayNotes(inst.id)).toEqual([]);
    expect(types(await h.journal(inst.id))).toContain('run-finished');
  });
});
