import {
  type AttemptHooks,
  messages,
  parseDuration,
  type StepFn,
  type WorkflowBody,
  type WorkflowStep,
  WorkflowTimeoutError,
} from '../engine';
import {
  createAttemptSlotWriter,
  hasAttemptSlots,
  INTERRUPT,
  type KillPoint,
  stopActionOf,
  stoppedAttemptError,
  type WorkerEvent,
} from '../protocol';

/** What the guard needs from the executor. */
export interface StepGuardDeps {
  emit(event: WorkerEvent): void;
  /**
   * The interrupt buffer (Int32, {@link INTERRUPT} layout); absent without cross-origin isolation. When it is
   * large enough to hold the attempt slots (`SHARED_BUFFER_BYTES`), attempts are announced there.
   */
  interrupt?: Int32Array;
  /** Crash injection fired (at `at`): stop the worker now. */
  kill(at: KillPoint): void;
}

/**
 * Wraps workflow bodies so the supervisor can watch every step attempt: a shared attempt slot (or, without
 * one, `attempt-started` / `attempt-ended` events) feeds its step-timeout watchdog, and a `KeyboardInterrupt`
 * the supervisor raised for an attempt that ran past its timeout becomes the engine's timeout error (so it is
 * journaled as a timed-out attempt and retried per config, exactly as an async step that times out), and one
 * it raised for a user's action (Stop attempt, Terminate, Pause, Delete: the buffer's `reason` word) becomes
 * an `AttemptStoppedError` naming that action, also retried per config. Also
 * hosts `kill-at-next-step`: before the next attempt runs user code, or (`after-call`) inside it, right after its
 * next binding call or gated fetch completes; that attempt then never settles here, so its result is never
 * journaled and recovery finds it lost.
 */
export function createStepGuard(deps: StepGuardDeps) {
  let nextToken = 0;
  let killArmed: KillPoint | undefined;
  const shared = deps.interrupt?.buffer;
  const slots = shared && hasAttemptSlots(shared) ? createAttemptSlotWriter(shared) : undefined;

  /** The supervisor interrupted this attempt: take the token so the interrupt is accounted for once. */
  function interruptedFor(token: number): boolean {
    const buffer = deps.interrupt;
    if (!buffer) return false;
    if (Atomics.load(buffer, INTERRUPT.token) !== token) return false;
    Atomics.store(buffer, INTERRUPT.token, 0);
    return true;
  }

  /** Why the supervisor interrupted (the `reason` word, read once): a user's action, or none for a timeout. */
  function takeReason() {
    const buffer = deps.interrupt;
    if (!buffer) return undefined;
    return stopActionOf(Atomics.exchange(buffer, INTERRUPT.reason, 0));
  }

  function translate(error: unknown, token: number, timeoutMs: number, startedAt: number): unknown {
    const name = (error as { name?: unknown } | null)?.name;
    if (name !== 'KeyboardInterrupt' || !interruptedFor(token)) return error;
    const action = takeReason();
    let stopped: Error;
    if (action) {
      const { name, message } = stoppedAttemptError(action, Date.now() - startedAt);
      stopped = Object.assign(new Error(message), { name });
    } else {
      stopped = new WorkflowTimeoutError(messages.stepTimeout(timeoutMs));
    }
    const traceback = (error as { traceback?: unknown }).traceback;
    // Where the runaway code was when it was stopped: the most useful thing to show.
    if (typeof traceback === 'string') Object.assign(stopped, { traceback });
    return stopped;
  }

  /** A `KeyboardInterrupt` the supervisor raised in `run()` itself (no attempt in flight): say why. */
  function translateRun(error: unknown): unknown {
    const name = (error as { name?: unknown } | null)?.name;
    if (name !== 'KeyboardInterrupt' || !interruptedFor(INTERRUPT.ANY_TOKEN)) return error;
    const explained = new Error(
      'run() kept Python busy outside any step for too long and was interrupted (an endless loop?).',
    );
    explained.name = 'KeyboardInterrupt';
    const traceback = (error as { traceback?: unknown }).traceback;
    if (typeof traceback === 'string') Object.assign(explained, { traceback });
    return explained;
  }

  /** Tells the watchdog an attempt started; returns how to tell it the attempt ended. */
  function announce(
    token: number,
    instanceId: string,
    step: { name: string; count: number },
    attempt: number,
    timeoutMs: number,
    startedAt: number,
  ): () => void {
    const release = slots?.start({ token, instanceId, stepName: step.name, attempt, timeoutMs, startedAt });
    if (release) return release;
    deps.emit({ type: 'attempt-started', token, instanceId, step, attempt, timeoutMs });
    return () => deps.emit({ type: 'attempt-ended', token });
  }

  /**
   * The attempt's hooks, with an `after-call` kill armed fired by its next completed binding call or request (a
   * request the gate blocked never left, so it is no side effect and does not fire it). Marks `killed`.
   */
  function killAfterCall(hooks: AttemptHooks, killed: { fired: boolean }): AttemptHooks {
    const fire = () => {
      if (killArmed !== 'after-call') return;
      killArmed = undefined;
      killed.fired = true;
      deps.kill('after-call');
    };
    return {
      ...hooks,
      binding: (call) => {
        hooks.binding?.(call);
        fire();
      },
      request: (record) => {
        hooks.request?.(record);
        if (record.outcome !== 'blocked') fire();
      },
    };
  }

  function guard(fn: StepFn, instanceId: string): StepFn {
    return (ctx, hooks) => {
      if (killArmed === 'before-attempt') {
        killArmed = undefined;
        deps.kill('before-attempt');
        return new Promise<never>(() => {});
      }
      const token = ++nextToken;
      const timeoutMs = parseDuration(ctx.config.timeout);
      const startedAt = Date.now();
      const ended = announce(token, instanceId, ctx.step, ctx.attempt, timeoutMs, startedAt);
      const killed = { fired: false };
      // A killed attempt never ends here: the executor is gone before its outcome could be journaled.
      const unlessKilled = <T>(then: () => T): T => (killed.fired ? (new Promise<never>(() => {}) as T) : then());
      let result: unknown;
      try {
        result = fn(ctx, killAfterCall(hooks, killed));
      } catch (error) {
        ended();
        return unlessKilled(() => {
          throw translate(error, token, timeoutMs, startedAt);
        });
      }
      return Promise.resolve(result).then(
        (value) => {
          ended();
          return unlessKilled(() => value);
        },
        (error: unknown) => {
          ended();
          return unlessKilled(() => {
            throw translate(error, token, timeoutMs, startedAt);
          });
        },
      );
    };
  }

  function guardStep(step: WorkflowStep, instanceId: string): WorkflowStep {
    return {
      do: (name, fn, config) => step.do(name, guard(fn, instanceId), config),
      sleep: (name, duration) => step.sleep(name, duration),
      sleepUntil: (name, at) => step.sleepUntil(name, at),
      waitForEvent: (name, opts) => step.waitForEvent(name, opts),
    };
  }

  return {
    /** The body with every `step.do` attempt watched. */
    wrap(body: WorkflowBody): WorkflowBody {
      return (ctx) =>
        body({ ...ctx, step: guardStep(ctx.step, ctx.event.instanceId) }).catch((error: unknown) => {
          throw translateRun(error);
        });
    },
    /**
     * Crash injection: the next attempt, in any instance, stops the worker instead of running
     * (`before-attempt`), or right after its next completed binding call or request (`after-call`).
     */
    armKill(at: KillPoint = 'before-attempt'): void {
      killArmed = at;
    },
    /** Forgets an armed kill. */
    disarmKill(): void {
      killArmed = undefined;
    },
    /** Where the armed kill fires, if one is armed. */
    armedKill(): KillPoint | undefined {
      return killArmed;
    },
  };
}

/** The handle `createStepGuard` returns. */
export type StepGuard = ReturnType<typeof createStepGuard>;
