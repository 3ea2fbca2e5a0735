/** The step guard's announcements to the watchdog: shared attempt slots when it has them, messages otherwise. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_STEP_CONFIG, type RunContext, type StepFn, type WorkflowStep } from '../engine';
import {
  ATTEMPT_TEXT_UNITS,
  INTERRUPT,
  readAttemptSlots,
  SHARED_BUFFER_BYTES,
  stopReasonCode,
  type WorkerEvent,
} from '../protocol';
import { createStepGuard } from './step-guard';

/** Runs one `step.do(name)` attempt through the guard; `during` sees the world while the step body runs. */
async function attempt(buffer: SharedArrayBuffer | undefined, name: string, during: () => void, fails = false) {
  const events: WorkerEvent[] = [];
  const guard = createStepGuard({
    emit: (e) => events.push(e),
    kill: () => {},
    ...(buffer ? { interrupt: new Int32Array(buffer) } : {}),
  });
  const step: WorkflowStep = {
    do: async (stepName, fn: StepFn) =>
      (await fn(
        { step: { name: stepName, count: 1 }, attempt: 1, config: { ...DEFAULT_STEP_CONFIG, timeout: '2 seconds' } },
        { log: () => {}, onCancel: () => ({ dispose() {} }) },
      )) as never,
    sleep: async () => {},
    sleepUntil: async () => {},
    waitForEvent: async () => ({}) as never,
  };
  const body = guard.wrap(async ({ step: s }) =>
    s.do(name, async () => {
      await Promise.resolve();
      during();
      if (fails) throw new Error('boom');
      return 1;
    }),
  );
  const ctx = {
    event: { payload: {}, timestamp: 0, instanceId: 'inst-1', workflowName: 'w' },
    step,
    run: 1,
    onEvict: () => ({ dispose() {} }),
    log: () => {},
  } satisfies RunContext;
  await body(ctx).catch(() => {});
  return events;
}

describe('createStepGuard() announcing attempts', () => {
  it('publishes an attempt in a shared slot while it runs, and sends no message, whatever its outcome', async () => {
    const buffer = new SharedArrayBuffer(SHARED_BUFFER_BYTES);
    for (const fails of [false, true]) {
      let seen: unknown;
      const events = await attempt(
        buffer,
        'charge',
        () => {
          seen = readAttemptSlots(buffer, new Set()).fresh;
        },
        fails,
      );
      expect(seen).toEqual([
        expect.objectContaining({ instanceId: 'inst-1', stepName: 'charge', attempt: 1, timeoutMs: 2000 }),
      ]);
      expect(events).toEqual([]);
      expect(readAttemptSlots(buffer, new Set()).tokens).toEqual([]);
    }
  });

  it('announces by messages without slots: no buffer, a bare interrupt buffer, or a name too long for a slot', async () => {
    const long = 'n'.repeat(ATTEMPT_TEXT_UNITS);
    const cases: [SharedArrayBuffer | undefined, string][] = [
      [undefined, 'charge'],
      [new SharedArrayBuffer(INTERRUPT.length * 4), 'charge'],
      [new SharedArrayBuffer(SHARED_BUFFER_BYTES), long],
    ];
    for (const [buffer, name] of cases) {
      const events = await attempt(buffer, name, () => {});
      expect(events).toEqual([
        {
          type: 'attempt-started',
          token: 1,
          instanceId: 'inst-1',
          step: { name, count: 1 },
          attempt: 1,
          timeoutMs: 2000,
        },
        { type: 'attempt-ended', token: 1 },
      ]);
    }
  });
});

describe('createStepGuard() translating the interrupts the supervisor raised', () => {
  /**
   * Runs one attempt of instance inst-1 whose body, after the supervisor wrote `token` and `reason`, does what
   * Python's SIGINT handler does: asks the guard's router and raises `KeyboardInterrupt` only if told to.
   */
  async function interrupted(token: number, reason: number) {
    const buffer = new SharedArrayBuffer(SHARED_BUFFER_BYTES);
    const words = new Int32Array(buffer);
    const guard = createStepGuard({ emit: () => {}, kill: () => {}, interrupt: words });
    let thrown: unknown;
    const step: WorkflowStep = {
      do: async (stepName, fn: StepFn) => {
        try {
          return (await fn(
            {
              step: { name: stepName, count: 1 },
              attempt: 1,
              config: { ...DEFAULT_STEP_CONFIG, timeout: '2 seconds' },
            },
            { log: () => {}, onCancel: () => ({ dispose() {} }) },
          )) as never;
        } catch (error) {
          thrown = error;
          throw error;
        }
      },
      sleep: async () => {},
      sleepUntil: async () => {},
      waitForEvent: async () => ({}) as never,
    };
    const body = guard.wrap(async ({ step: s }) =>
      s.do('charge_card', () => {
        Atomics.store(words, INTERRUPT.token, token);
        Atomics.store(words, INTERRUPT.reason, reason);
        if (guard.routing?.decide({ instanceId: 'inst-1', where: 'attempt' })) {
          throw Object.assign(new Error(''), { name: 'KeyboardInterrupt', traceback: 'File "flow.py", line 9' });
        }
        return 'carried on';
      }),
    );
    await body({
      event: { payload: {}, timestamp: 0, instanceId: 'inst-1', workflowName: 'w' },
      step,
      run: 1,
      onEvict: () => ({ dispose() {} }),
      log: () => {},
    }).catch(() => {});
    return {
      thrown: thrown as Error & { traceback?: string },
      reasonLeft: words[INTERRUPT.reason],
      tokenLeft: words[INTERRUPT.token],
    };
  }

  it("journals a user's action as an AttemptStoppedError naming it, with the traceback of where the code was", async () => {
    const { thrown, reasonLeft } = await interrupted(1, stopReasonCode('terminate'));
    expect(thrown.name).toBe('AttemptStoppedError');
    expect(thrown.message).toMatch(/^Attempt stopped after \d+\.\d s: the instance was terminated \("Terminate"\)\.$/);
    expect(thrown.traceback).toBe('File "flow.py", line 9');
    expect(reasonLeft).toBe(0);
  });

  it('journals an interrupt without a reason as the step timeout, and leaves one meant for another attempt alone', async () => {
    expect((await interrupted(1, 0)).thrown).toMatchObject({
      name: 'WorkflowTimeoutError',
      message: 'Execution timed out after 2000ms',
    });
    // Token 99 is no attempt in flight: not raised here, the code carries on, and the supervisor is told.
    const other = await interrupted(99, stopReasonCode('stop-attempt'));
    expect(other.thrown).toBeUndefined();
    expect(other.tokenLeft).toBe(INTERRUPT.DECLINED_TOKEN);
  });
});

describe('the watchdog interrupting run() itself', () => {
  /** Runs a body that, after `before` (step calls), is interrupted by the watchdog (any code) in run(). */
  async function interruptedRun(before: (step: WorkflowStep) => Promise<unknown>) {
    const words = new Int32Array(new SharedArrayBuffer(SHARED_BUFFER_BYTES));
    const guard = createStepGuard({ emit: () => {}, kill: () => {}, interrupt: words });
    const step: WorkflowStep = {
      do: async () => 1 as never,
      sleep: async () => {},
      sleepUntil: async () => {},
      waitForEvent: async () => ({}) as never,
    };
    const body = guard.wrap(async ({ step: s }) => {
      await before(s);
      await new Promise((resolve) => setTimeout(resolve, 120)); // "busy" since the last step call
      Atomics.store(words, INTERRUPT.token, INTERRUPT.ANY_TOKEN);
      if (guard.routing?.decide({ instanceId: 'inst-1', where: 'run' })) {
        throw Object.assign(new Error(''), { name: 'KeyboardInterrupt' });
      }
    });
    return body({
      event: { payload: {}, timestamp: 0, instanceId: 'inst-1', workflowName: 'w' },
      step,
      run: 1,
      onEvict: () => ({ dispose() {} }),
      log: () => {},
    }).then(
      () => undefined,
      (e: Error) => e,
    );
  }

  it('says how long after its last step call (or its start) run() was interrupted', async () => {
    const afterStep = await interruptedRun(async (s) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await s.do('first', async () => 1);
    });
    expect(afterStep).toMatchObject({ name: 'KeyboardInterrupt' });
    const [, seconds] =
      /^run\(\) kept Python busy outside any step and was interrupted (\d+\.\d) s after its last step call returned \(an endless loop\?\)\.$/.exec(
        afterStep?.message ?? '',
      ) ?? [];
    // Counted from the step call (0.12 s before), not from run()'s start (0.32 s before).
    expect(Number(seconds)).toBeGreaterThanOrEqual(0.1);
    expect(Number(seconds)).toBeLessThan(0.3);
    const atStart = await interruptedRun(async () => {});
    expect(atStart?.message).toMatch(
      /^run\(\) kept Python busy outside any step and was interrupted \d+\.\d s after run\(\) started \(an endless loop\?\)\.$/,
    );
  });
});

describe('wrapLive()', () => {
  it('starts the run body in a host macrotask, after the command that started it has answered', async () => {
    const queued: Array<() => void> = [];
    const guard = createStepGuard({ emit: () => {}, kill: () => {}, defer: (cb) => queued.push(cb) });
    const order: string[] = [];
    const body = guard.wrapLive(async () => {
      order.push('run() started');
      return 'done';
    });
    const ctx = {
      event: { payload: {}, timestamp: 0, instanceId: 'loop-1', workflowName: 'w' },
      step: {} as WorkflowStep,
      run: 1,
      onEvict: () => ({ dispose() {} }),
      log: () => {},
    } satisfies RunContext;
    const ran = body(ctx);
    // The command's answer goes out in the microtasks that follow (executor-host.ts): before run() can block.
    await Promise.resolve().then(() => order.push('create answered'));
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual(['create answered']);
    queued.shift()?.();
    await expect(ran).resolves.toBe('done');
    expect(order).toEqual(['create answered', 'run() started']);
  });
});
