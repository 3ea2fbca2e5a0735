import { describe, expect, it } from 'vitest';
import { NonRetryableError } from './errors';
import type { AttemptFailedEvent, StepStartedEvent } from './journal';
import { createHarness, types } from './test-harness';
import type { StepContext, WorkflowBody } from './types';

const throwing = (name: string, message: string) => () => {
  throw Object.assign(new Error(message), { name });
};

async function runOnce(wf: WorkflowBody, params?: unknown) {
  const h = createHarness({ wf });
  const inst = await h.engine.binding('wf').create(params === undefined ? {} : { params });
  await h.runToIdle();
  return { h, inst, status: await inst.status(), journal: await h.journal(inst.id), view: await h.view(inst.id) };
}

describe('step config', () => {
  it('resolves the defaults into ctx.config and the journal: 5 retries, 10 s exponential, 10 minute timeout', async () => {
    let seen: StepContext['config'] | undefined;
    const { journal } = await runOnce(async ({ step }) => {
      await step.do('s', (ctx) => {
        seen = ctx.config;
      });
    });
    const expected = { retries: { limit: 5, delay: '10 seconds', backoff: 'exponential' }, timeout: '10 minutes' };
    expect(seen).toEqual(expected);
    expect((journal.find((e) => e.type === 'step-started') as StepStartedEvent).config).toEqual(expected);
  });

  it('merges retries over the default retries, so {limit: 0, delay: 0} keeps exponential backoff', async () => {
    let seen: StepContext['config'] | undefined;
    await runOnce(async ({ step }) => {
      await step.do(
        's',
        (ctx) => {
          seen = ctx.config;
        },
        { retries: { limit: 0, delay: 0 } },
      );
    });
    expect(seen).toEqual({ retries: { limit: 0, delay: 0, backoff: 'exponential' }, timeout: '10 minutes' });
  });

  it('throws WorkflowFatalError naming the bad key without running or retrying the step', async () => {
    let ran = 0;
    const { status, journal } = await runOnce(async ({ step }) => {
      await step.do('bad', () => ran++, { retries: { limit: 1, delay: 1, jitter: true } });
    });
    expect(ran).toBe(0);
    expect(status.error).toEqual({
      name: 'WorkflowFatalError',
      message:
        'Step config for "bad" is in a invalid format: unknown key "retries.jitter" (allowed: limit, delay, backoff). See https://developers.cloudflare.com/workflows/build/sleeping-and-retrying/',
    });
    expect(types(journal)).not.toContain('step-started');
  });

  it('keeps the config first journaled for a step when a later run passes another', async () => {
    const limits: number[] = [];
    let limit = 1;
    const wf: WorkflowBody = async ({ step }) => {
      await step.do('s', (ctx) => throwing('Error', String(limits.push(ctx.config.retries.limit)))(), {
        retries: { limit, delay: '1 minute', backoff: 'constant' },
      });
    };
    const h = createHarness({ wf });
    const inst = await h.engine.binding('wf').create();
    await h.engine.settle();
    limit = 7;
    await h.runToIdle();
    expect(limits).toEqual([1, 1]);
    expect((await inst.status()).status).toBe('errored');
  });
});

describe('attempts and backoff', () => {
  it('accepts limit: Infinity and keeps retrying', async () => {
    let attempts = 0;
    const { status } = await runOnce(async ({ step }) =>
      step.do(
        's',
        () => {
          if (++attempts < 50) throw new Error('again');
          return attempts;
        },
        { retries: { limit: Number.POSITIVE_INFINITY, delay: 1, backoff: 'constant' } },
      ),
    );
    expect(status.output).toBe(50);
  });

  it('makes limit + 1 attempts in total', async () => {
    let attempts = 0;
    await runOnce(async ({ step }) => {
      await step.do('s', () => throwing('Error', String(++attempts))(), { retries: { limit: 4, delay: 0 } });
    });
    expect(attempts).toBe(5);
  });

  it.each([
    ['constant', [1000, 1000, 1000]],
    ['linear', [1000, 2000, 3000]],
    ['exponential', [1000, 2000, 4000]],
  ])('waits the %s backoff between attempts', async (backoff, gaps) => {
    const { journal } = await runOnce(async ({ step }) => {
      await step.do('s', throwing('Error', 'no'), { retries: { limit: 3, delay: '1 second', backoff } });
    });
    const failures = journal.filter((e): e is AttemptFailedEvent => e.type === 'attempt-failed');
    expect(failures.map((f) => (f.retryAt === null ? null : f.retryAt - f.at))).toEqual([...gaps, null]);
    const starts = journal.filter((e) => e.type === 'attempt-started').map((e) => e.at);
    expect(starts.slice(1).map((at, i) => at - (starts[i] as number))).toEqual(gaps);
  });

  it('times an attempt out with WorkflowTimeoutError "Execution timed out after <ms>ms" and retries it', async () => {
    let attempts = 0;
    let cancelled = 0;
    const { status, journal } = await runOnce(async ({ step }) => {
      return step.do(
        'slow',
        (_ctx, hooks) => {
          attempts++;
          hooks.onCancel(() => cancelled++);
          return attempts === 1 ? new Promise(() => {}) : 'second try';
        },
        { retries: { limit: 1, delay: 0 }, timeout: '1.5 seconds' },
      );
    });
    expect(status.output).toBe('second try');
    expect(cancelled).toBe(1);
    const failure = journal.find((e) => e.type === 'attempt-failed') as AttemptFailedEvent;
    expect(failure.error).toEqual({ name: 'WorkflowTimeoutError', message: 'Execution timed out after 1500ms' });
  });

  it('journals the logs of each attempt with its outcome', async () => {
    const { view } = await runOnce(async ({ step }) => {
      await step.do(
        's',
        (ctx, hooks) => {
          hooks.log(`attempt ${ctx.attempt}`);
          if (ctx.attempt === 1) throw new Error('first fails');
        },
        { retries: { limit: 1, delay: 0 } },
      );
    });
    expect(view.steps[0]?.attempts.map((a) => [a.outcome, a.logs])).toEqual([
      ['failed', ['attempt 1']],
      ['succeeded', ['attempt 2']],
    ]);
  });

  it('ignores changes a step makes to its ctx', async () => {
    const limits: number[] = [];
    await runOnce(async ({ step }) => {
      await step.do(
        's',
        (ctx) => {
          limits.push(ctx.config.retries.limit);
          ctx.config.retries.limit = 100;
          throw new Error('no');
        },
        { retries: { limit: 1, delay: 0 } },
      );
    });
    expect(limits).toEqual([1, 1]);
  });
});

describe('NonRetryableError', () => {
  it('fails the step at once and reaches run() as a NonRetryableError with the original message', async () => {
    const { status } = await runOnce(async ({ step }) => {
      try {
        await step.do('s', () => {
          throw new NonRetryableError('card declined');
        });
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    });
    expect(status.output).toBe('NonRetryableError: card declined');
  });

  it('errors the instance with WorkflowFatalError when unhandled, keeping the original as cause', async () => {
    const { status, view } = await runOnce(async ({ step }) => {
      await step.do('s', () => {
        throw new NonRetryableError('card declined');
      });
    });
    expect(status.error).toEqual({
      name: 'WorkflowFatalError',
      message:
        'The execution of the Workflow instance was terminated, as a step threw an NonRetryableError and it was not handled',
    });
    expect(view.error?.cause).toMatchObject({ name: 'NonRetryableError', message: 'card declined' });
  });

  it('serves a caught failure from the journal on replay without running the step again', async () => {
    let runs = 0;
    const { status } = await runOnce(async ({ step }) => {
      let caught = '';
      try {
        await step.do('s', () => {
          runs++;
          throw new NonRetryableError('no');
        });
      } catch (e) {
        caught = (e as Error).message;
      }
      await step.sleep('nap', '1 minute');
      return caught;
    });
    expect(status).toEqual({ status: 'complete', output: 'no', error: null });
    expect(runs).toBe(1);
  });
});

describe('retries exhausted', () => {
  it('throws the original error into run(), and again on replay without running the step', async () => {
    let runs = 0;
    const caught: string[] = [];
    const { status } = await runOnce(async ({ step }) => {
      try {
        await step.do('s', () => throwing('ValueError', `bad value ${++runs}`)(), { retries: { limit: 1, delay: 0 } });
      } catch (e) {
        caught.push(`${(e as Error).name}: ${(e as Error).message}`);
      }
      await step.sleep('nap', '1 minute');
      return caught;
    });
    expect(runs).toBe(2);
    expect(status.output).toEqual(['ValueError: bad value 2', 'ValueError: bad value 2']);
  });
});

describe('step results', () => {
  it('errors the instance, naming the step, when a result is not serialisable, without retry', async () => {
    let attempts = 0;
    const { status, view } = await runOnce(async ({ step }) => {
      try {
        await step.do('returns-fn', () => ({ attempts: ++attempts, fn: () => 1 }));
      } catch {
        return 'caught';
      }
    });
    expect(attempts).toBe(1);
    expect(status.error).toEqual({
      name: 'WorkflowFatalError',
      message:
        'The execution of the Workflow instance was terminated, as the step "returns-fn" returned a value which is not serialisable',
    });
    expect(view.steps[0]?.error?.message).toBe(
      'Value returned from step "returns-fn" is not serialisable: $.fn is a function, which JSON cannot represent',
    );
  });

  it('fails the attempt of a result larger than 1 MiB, retries it, and lets run() catch it, as Cloudflare does', async () => {
    const { status, view } = await runOnce(async ({ step }) => {
      try {
        await step.do('big', () => 'x'.repeat(1024 * 1024), { retries: { limit: 1, delay: 0 } });
      } catch (e) {
        return `caught ${(e as Error).name}: ${(e as Error).message}`;
      }
    });
    const message = 'Step big-1 output is too large. Maximum allowed size is 1MiB (it is 1048578 bytes of JSON).';
    expect(status).toEqual({ status: 'complete', output: `caught WorkflowInternalError: ${message}`, error: null });
    expect(view.steps[0]?.attempts.map((a) => a.error?.message)).toEqual([message, message]);
  });

  it('journals undefined (Python None) as null and hands run() a copy it cannot corrupt', async () => {
    const { status } = await runOnce(async ({ step }) => {
      const none = await step.do('none', () => undefined);
      const obj = (await step.do('obj', () => ({ list: [1] }))) as { list: number[] };
      obj.list.push(2);
      await step.sleep('nap', 1000);
      const again = await step.do('obj', () => 'never');
      return { none, obj: again };
    });
    expect(status.output).toEqual({ none: null, obj: 'never' });
  });
});

describe('step names', () => {
  it('rejects a name longer than 256 characters with Cloudflare’s message', async () => {
    const { status } = await runOnce(async ({ step }) => {
      await step.do('n'.repeat(257), () => 1);
    });
    expect(status.error).toEqual({
      name: 'WorkflowFatalError',
      message: `Step name "${'n'.repeat(257)}" exceeds max length (256 chars) or invalid characters found`,
    });
  });

  it('rejects a name with a control character and accepts 256 characters', async () => {
    const { status } = await runOnce(async ({ step }) => {
      await step.do('n'.repeat(256), () => 1);
      await step.do('tab\there', () => 1);
    });
    // The name is escaped as in JSON, so the message has no raw control character in it.
    expect(status.error?.message).toBe(
      'Step name "tab\\there" exceeds max length (256 chars) or invalid characters found',
    );
  });

  it('escapes a NUL in the name, so the message can be read', async () => {
    const { status } = await runOnce(async ({ step }) => {
      await step.do('\0', () => 1);
    });
    expect(status.error).toEqual({
      name: 'WorkflowFatalError',
      message: 'Step name "\\u0000" exceeds max length (256 chars) or invalid characters found',
    });
  });

  it('fails the run at once when step.do gets no callback (no attempt, no retry), as Cloudflare does', async () => {
    const { status, view } = await runOnce(async ({ step }) => {
      await step.do('s', undefined as never, {});
    });
    expect(status.status).toBe('errored');
    expect(status.error).toEqual({ name: 'WorkflowFatalError', message: 'Step "s" requires a callback function' });
    expect(view.steps).toEqual([]);
  });

  it('counts only step.do calls toward the step limit', async () => {
    const h = createHarness(
      {
        wf: async ({ step }) => {
          for (let i = 0; i < 3; i++) await step.sleep(`nap${i}`, 0);
          await step.do('a', () => 1);
          await step.do('b', () => 2);
          await step.do('c', () => 3);
        },
      },
      { stepLimit: 2 },
    );
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    expect((await inst.status()).error?.message).toBe(
      'The limit of 2 steps has been reached. This limit can be changed in your worker configuration.',
    );
    expect((await h.view(inst.id)).steps.map((s) => s.name)).toEqual(['a', 'b']);
  });
});
