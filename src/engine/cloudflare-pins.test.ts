/**
 * The behaviours Cloudflare's own engine tests pin (the local Workflows engine's tests in workers-sdk), as ten
 * items, one describe block per item; docs/semantics.md cites them by number.
 */
import { describe, expect, it } from 'vitest';
import { deferred } from './async-utils';
import { resolveStepConfig } from './step-config';
import { createHarness, types } from './test-harness';
import type { StepContext, WorkflowBody } from './types';
import { instanceIdProblem, isValidStepName } from './validation';

const fail = (message = 'boom') => {
  throw new Error(message);
};

describe('1. a step with limit 0 that throws, caught in run()', () => {
  it('completes the workflow after exactly one attempt', async () => {
    let attempts = 0;
    const wf: WorkflowBody = async ({ step }) => {
      try {
        await step.do('flaky', () => fail(String(++attempts)), { retries: { limit: 0, delay: 0 } });
      } catch (e) {
        return `caught ${(e as Error).message}`;
      }
      return 'not reached';
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    expect(await inst.status()).toEqual({ status: 'complete', output: 'caught 1', error: null });
    expect(attempts).toBe(1);
  });
});

describe('2. ctx.attempt of an always-failing step with limit 2', () => {
  it('runs 1, 2, 3', async () => {
    const seen: number[] = [];
    const wf: WorkflowBody = async ({ step }) => {
      await step.do('always', (ctx: StepContext) => fail(String(seen.push(ctx.attempt))), {
        retries: { limit: 2, delay: '1 second' },
      });
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    expect(seen).toEqual([1, 2, 3]);
    expect((await inst.status()).status).toBe('errored');
  });
});

describe('3. step counts', () => {
  it('gives two step.do("repeated step") counts 1 and 2, and another name count 1', async () => {
    const counts: Array<[string, number]> = [];
    const record = (ctx: StepContext) => counts.push([ctx.step.name, ctx.step.count]);
    const wf: WorkflowBody = async ({ step }) => {
      await step.do('repeated step', record);
      await step.do('repeated step', record);
      await step.do('another step', record);
    };
    const h = createHarness({ wf });
    await h.engine.binding('wf').create();
    await h.runToIdle();
    expect(counts).toEqual([
      ['repeated step', 1],
      ['repeated step', 2],
      ['another step', 1],
    ]);
  });
});

describe('4. three waits for one event type with short timeouts', () => {
  it('receives the events of #1 and #3 and times out #2; the timed-out waiter swallows no later event', async () => {
    const wf: WorkflowBody = async ({ step }) => {
      const results: string[] = [];
      for (let i = 1; i <= 3; i++) {
        try {
          const e = await step.waitForEvent(`waiter-${i}`, { type: 'my-event', timeout: 500 });
          results.push(`${i}:${JSON.stringify(e.payload)}`);
        } catch (e) {
          results.push(`${i}:${(e as Error).name}`);
        }
      }
      return results;
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    await inst.sendEvent({ type: 'my-event', payload: { iteration: 1 } });
    await h.engine.settle();
    h.clock.advanceBy(500);
    await h.engine.settle();
    await inst.sendEvent({ type: 'my-event', payload: { iteration: 3 } });
    await h.runToIdle();
    expect(await inst.status()).toEqual({
      status: 'complete',
      output: ['1:{"iteration":1}', '2:WorkflowTimeoutError', '3:{"iteration":3}'],
      error: null,
    });
    const journal = types(await h.journal(inst.id));
    expect(journal.filter((t) => t === 'event-received')).toHaveLength(2);
    expect(journal.filter((t) => t === 'wait-timed-out')).toHaveLength(1);
  });
});

describe('5. an event sent while the instance is evicted', () => {
  it('wakes it, and the replay delivers the event', async () => {
    const wf: WorkflowBody = async ({ step }) => (await step.waitForEvent('approval', { type: 'approve' })).payload;
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    expect((await h.view(inst.id)).runs.map((r) => r.end)).toEqual(['evicted']);
    expect((await inst.status()).status).toBe('waiting');
    await inst.sendEvent({ type: 'approve', payload: 'yes' });
    await h.engine.settle();
    const view = await h.view(inst.id);
    expect(view.runs.map((r) => [r.reason, r.end])).toEqual([
      ['create', 'evicted'],
      ['event', 'finished'],
    ]);
    expect(await inst.status()).toEqual({ status: 'complete', output: 'yes', error: null });
  });
});

describe('6. the step limit', () => {
  const steps =
    (n: number): WorkflowBody =>
    async ({ step }) => {
      for (let i = 0; i < n; i++) await step.do(`s${i}`, () => i);
      return n;
    };

  it('lets exactly 10 000 steps succeed', async () => {
    const h = createHarness({ wf: steps(10_000) });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    expect(await inst.status()).toEqual({ status: 'complete', output: 10_000, error: null });
  });

  it('fails the 10 001st step with the limit message', async () => {
    const h = createHarness({ wf: steps(10_001) });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    expect((await inst.status()).error).toEqual({
      name: 'WorkflowFatalError',
      message: 'The limit of 10000 steps has been reached. This limit can be changed in your worker configuration.',
    });
  });
});

describe('7. restart()', () => {
  const gate = { open: deferred<void>() };
  let runsOfB = 0;
  const wf: WorkflowBody = async ({ step, event }) => {
    const a = await step.do('step-a', () => Math.random());
    const b = await step.do('step-b', () => ++runsOfB);
    const p = event.payload as { mode?: string };
    if (p.mode === 'fail') throw new Error('failed on purpose');
    if (p.mode === 'block') await step.do('blocked', () => gate.open.promise);
    if (p.mode === 'sleep') await step.sleep('nap', '1 hour');
    return { a, b };
  };

  it.each([
    { from: 'complete', params: {}, after: 'complete' },
    { from: 'errored', params: { mode: 'fail' }, after: 'errored' },
    { from: 'terminated', params: { mode: 'sleep' }, after: 'waiting' },
    { from: 'running', params: { mode: 'block' }, after: 'complete' },
    { from: 'paused', params: { mode: 'sleep' }, after: 'waiting' },
  ])('works from $from and runs again from the top', async ({ from, params, after }) => {
    gate.open = deferred<void>();
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create({ params });
    await h.engine.settle();
    if (from === 'terminated') await inst.terminate();
    if (from === 'paused') await inst.pause();
    expect((await inst.status()).status).toBe(from);
    await inst.restart();
    gate.open.resolve();
    await h.runToIdle(h.clock.now());
    expect((await inst.status()).status).toBe(after);
    const view = await h.view(inst.id);
    expect(view.generation).toBe(1);
    expect(view.runs.at(-1)?.reason).toBe('restart');
    expect(view.steps.map((s) => `${s.name}:${s.status}`).slice(0, 2)).toEqual([
      'step-a:succeeded',
      'step-b:succeeded',
    ]);
    const succeeded = (await h.journal(inst.id)).filter((e) => e.type === 'step-succeeded' && e.name === 'blocked');
    expect(succeeded).toHaveLength(from === 'running' ? 1 : 0);
  });

  it('restart(from=step-b) keeps step-a’s cached result and runs step-b again', async () => {
    runsOfB = 0;
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    const first = (await inst.status()).output as { a: number; b: number };
    await inst.restart({ from: { name: 'step-b' } });
    await h.runToIdle();
    const second = (await inst.status()).output as { a: number; b: number };
    expect(second.a).toBe(first.a);
    expect([first.b, second.b]).toEqual([1, 2]);
  });
});

describe('8. pause()', () => {
  it('waits for all concurrent in-flight steps before pausing', async () => {
    const one = deferred<string>();
    const two = deferred<string>();
    const wf: WorkflowBody = async ({ step }) => {
      const results = await Promise.all([step.do('one', () => one.promise), step.do('two', () => two.promise)]);
      return results.join('+');
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    await inst.pause();
    expect((await inst.status()).status).toBe('waitingForPause');
    one.resolve('1');
    await h.engine.settle();
    expect((await inst.status()).status).toBe('waitingForPause');
    two.resolve('2');
    await h.engine.settle();
    expect((await inst.status()).status).toBe('paused');
    await inst.resume();
    await h.runToIdle();
    expect(await inst.status()).toEqual({ status: 'complete', output: '1+2', error: null });
  });

  it('pauses at once during a sleep, and resume waits only the remaining time', async () => {
    const wf: WorkflowBody = async ({ step }) => {
      await step.sleep('nap', '10 seconds');
      return 'woke';
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    const start = h.clock.now();
    await h.engine.settle();
    h.clock.advanceBy(4_000);
    await inst.pause();
    expect((await inst.status()).status).toBe('paused');
    h.clock.advanceBy(60_000);
    await h.engine.settle();
    expect((await inst.status()).status).toBe('paused');
    await inst.resume();
    await h.engine.settle();
    expect(h.engine.pendingWake(inst.id)).toEqual({ at: start + 64_000 + 6_000, kind: 'sleep' });
    await h.runToIdle();
    expect((await inst.status()).status).toBe('complete');
    expect(h.clock.now()).toBe(start + 70_000);
  });
});

describe('9. validation', () => {
  it.each(['', '   ', '\n\nhello', 'w'.repeat(101), '#1231231!!!!', '-leading'])('rejects instance id %j', (id) => {
    expect(instanceIdProblem(id)).toBeDefined();
  });

  it.each(['abc', 'NAME_123-hello', 'w'.repeat(100)])('accepts instance id %j', (id) => {
    expect(instanceIdProblem(id)).toBeUndefined();
  });

  it('rejects step names "\\x00" and 257 characters, accepts 256', () => {
    expect(isValidStepName('\x00')).toBe(false);
    expect(isValidStepName('w'.repeat(257))).toBe(false);
    expect(isValidStepName('w'.repeat(256))).toBe(true);
  });

  it.each([
    [{ retries: { limit: 1 } }, 'retries.delay is required'],
    [{ retries: { delay: 50 } }, 'retries.limit is required'],
    [
      { timeout: '5 years', retries: { delay: '10 minutes', limit: 5, 'i-like-trains': 'yes' } },
      'unknown key "retries.i-like-trains" (allowed: limit, delay, backoff)',
    ],
    [{ trains: true }, 'unknown key "trains" (allowed: retries, timeout)'],
    [
      { retries: { limit: 3, delay: 'i like trains', backoff: 'constant' } },
      'retries.delay "i like trains" is not a duration like "10 seconds"',
    ],
    [
      { retries: { limit: 3, delay: 10, backoff: 'constant' }, timeout: 0 },
      'timeout must be a number of milliseconds > 0',
    ],
  ])('rejects step config %j', (config, detail) => {
    expect(resolveStepConfig(config)).toEqual({ ok: false, detail });
  });

  it.each([
    { retries: { limit: 0, delay: 100_000, backoff: 'exponential' }, timeout: '15 minutes' },
    { timeout: '5 years' },
  ])('accepts step config %j', (config) => {
    expect(resolveStepConfig(config).ok).toBe(true);
  });
});

describe('10. attempts by error kind', () => {
  it.each([
    { label: 'a generic error with limit 3', name: 'Error', message: 'boom', expected: 4 },
    { label: 'a NonRetryableError', name: 'NonRetryableError', message: 'do not retry', expected: 1 },
    { label: 'a NonRetryableError with an empty message', name: 'NonRetryableError', message: '', expected: 1 },
  ])('$label gives $expected attempt(s)', async ({ name, message, expected }) => {
    let attempts = 0;
    const wf: WorkflowBody = async ({ step }) => {
      await step.do(
        'failing',
        () => {
          attempts++;
          throw Object.assign(new Error(message), { name });
        },
        { retries: { limit: 3, delay: 0 } },
      );
    };
    const h = createHarness({ wf });
    await h.engine.binding('wf').create();
    await h.runToIdle();
    expect(attempts).toBe(expected);
  });
});
