import {
  type AttemptHooks,
  type BindingCall,
  MAX_BINDING_CALLS,
  MAX_REQUESTS_PER_ATTEMPT,
  messages,
  parseDuration,
  type RequestRecord,
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
  type StopAction,
  type StoppedAttempt,
  stoppedAttemptError,
  type WorkerEvent,
} from '../protocol';
import type { InterruptSite } from '../runtime';
import { createInterruptRouter, stopsInstance } from './interrupt-router';

/** What the guard needs from the executor. */
export interface StepGuardDeps {
  emit(event: WorkerEvent): void;
  /**
   * The interrupt buffer (Int32, {@link INTERRUPT} layout); absent without cross-origin isolation. When it is
   * large enough to hold the attempt slots (`SHARED_BUFFER_BYTES`), attempts are announced there.
   */
  interrupt?: Int32Array;
  /**
   * Crash injection fired (at `at`): stop the worker now. An `after-call` kill passes the attempt it cut off,
   * with the calls it made, for the next executor to journal as lost.
   */
  kill(at: KillPoint, cut?: StoppedAttempt): void;
  /** A host macrotask: `wrapLive` starts each run's body in one, after the command that started it answered. */
  defer?(cb: () => void): void;
}

/**
 * Wraps workflow bodies so the supervisor can watch every step attempt: a shared attempt slot (or, without
 * one, `attempt-started` / `attempt-ended` events) feeds its step-timeout watchdog, and a `KeyboardInterrupt`
 * the supervisor raised for an attempt that ran past its timeout becomes the engine's timeout error (so it is
 * journaled as a timed-out attempt and retried per config, exactly as an async step that times out), and one
 * it raised for a user's action (Stop attempt, Terminate, Pause, Delete: the buffer's `reason` word) becomes
 * an `AttemptStoppedError` naming that action, also retried per config. Python raises an interrupt only in the
 * code it is aimed at (interrupt-router.ts); one that stopped `run()` itself (or a callback of it) for a
 * Terminate, Pause or Delete leaves the run unsettled: the command, queued behind the busy code, ends it next
 * and journals the instance terminated, paused or deleted. Also hosts `kill-at-next-step`: before the next
 * attempt runs user code, or (`after-call`) inside it, right after its next binding call or gated fetch
 * completes; that attempt then never settles here, so its result is never journaled and recovery finds it lost.
 */
export function createStepGuard(deps: StepGuardDeps) {
  let nextToken = 0;
  let killArmed: KillPoint | undefined;
  const shared = deps.interrupt?.buffer;
  const slots = shared && hasAttemptSlots(shared) ? createAttemptSlotWriter(shared) : undefined;
  /** The instance of each attempt in flight, by token. */
  const owners = new Map<number, string>();
  const router = deps.interrupt && createInterruptRouter(deps.interrupt, (token) => owners.get(token));
  const isInterrupt = (error: unknown) => (error as { name?: unknown } | null)?.name === 'KeyboardInterrupt';
  /**
   * Instances whose asyncio callback a Terminate, Pause or Delete interrupted (`routing.swallow`), with that
   * action. The command is queued behind the code that held Python, and the event loop runs on before it:
   * until the instance's next run starts, its attempts in flight end as stopped by the action and its `run()`
   * does not return, so the command still finds it running (else a step awaiting beside the callback
   * completes, `run()` returns, and the Terminate the user clicked fails on a complete instance).
   */
  const stopping = new Map<string, StopAction>();
  const stoppedBy = (action: StopAction, startedAt: number): Error => {
    const { name, message } = stoppedAttemptError(action, Date.now() - startedAt);
    return Object.assign(new Error(message), { name });
  };

  function translate(error: unknown, token: number, instanceId: string, timeoutMs: number, startedAt: number): unknown {
    // The interrupt raised in this instance's attempt code: for this attempt, or a stop of the whole instance.
    const taken =
      isInterrupt(error) &&
      router?.claim(
        (t) =>
          t.site.where === 'attempt' &&
          t.site.instanceId === instanceId &&
          (t.token === token || stopsInstance(t.action)),
      );
    if (!taken) return error;
    const { action } = taken;
    let stopped: Error;
    if (action) {
      stopped = stoppedBy(action, startedAt);
    } else {
      stopped = new WorkflowTimeoutError(messages.stepTimeout(timeoutMs));
    }
    const traceback = (error as { traceback?: unknown }).traceback;
    // Where the runaway code was when it was stopped: the most useful thing to show.
    if (typeof traceback === 'string') Object.assign(stopped, { traceback });
    return stopped;
  }

  /**
   * A `KeyboardInterrupt` the supervisor raised in `run()` itself: for a Terminate, Pause or Delete of this
   * instance, a promise that never settles (the command ends the run; nothing is journaled as failed);
   * for a worker silent too long, the error, saying why.
   */
  function translateRun(error: unknown, instanceId: string, since: { at: number; what: string }): Promise<never> {
    const taken =
      isInterrupt(error) && router?.claim((t) => t.site.where === 'run' && t.site.instanceId === instanceId);
    if (taken && stopsInstance(taken.action)) return new Promise<never>(() => {});
    if (!taken || taken.token !== INTERRUPT.ANY_TOKEN) return Promise.reject(error);
    const seconds = ((Date.now() - since.at) / 1000).toFixed(1);
    const explained = new Error(
      `run() kept Python busy outside any step and was interrupted ${seconds} s after ${since.what} (an endless loop?).`,
    );
    explained.name = 'KeyboardInterrupt';
    const traceback = (error as { traceback?: unknown }).traceback;
    if (typeof traceback === 'string') Object.assign(explained, { traceback });
    return Promise.reject(explained);
  }

  /** Why a module's top-level code was interrupted, if the supervisor did it (claimed once). */
  function importInterrupt(): string | undefined {
    const taken = router?.claim((t) => t.site.where === 'import');
    if (!taken) return undefined;
    if (taken.token === INTERRUPT.ANY_TOKEN) {
      return 'Importing the file did not finish in time and was interrupted (an endless loop at module level?).';
    }
    return `Importing the file was interrupted to ${taken.action} instance ${taken.targets?.join(', ')}: its module-level code kept Python busy (an endless loop?).`;
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
    owners.set(token, instanceId);
    const release = slots?.start({ token, instanceId, stepName: step.name, attempt, timeoutMs, startedAt });
    if (release) {
      return () => {
        owners.delete(token);
        release();
      };
    }
    deps.emit({ type: 'attempt-started', token, instanceId, step, attempt, timeoutMs });
    return () => {
      owners.delete(token);
      deps.emit({ type: 'attempt-ended', token });
    };
  }

  /**
   * The attempt's hooks, with an `after-call` kill armed fired by its next completed binding call or request (a
   * request the gate blocked never left, so it is no side effect and does not fire it). Marks `killed`, and
   * hands the kill the attempt with the calls it made so far (at most as many as the engine journals).
   */
  function killAfterCall(
    hooks: AttemptHooks,
    killed: { fired: boolean },
    attempt: Pick<StoppedAttempt, 'instanceId' | 'stepName' | 'attempt'>,
  ): AttemptHooks {
    const bindings: BindingCall[] = [];
    const requests: RequestRecord[] = [];
    const fire = () => {
      if (killArmed !== 'after-call') return;
      killArmed = undefined;
      killed.fired = true;
      deps.kill('after-call', {
        ...attempt,
        lost: true,
        ...(bindings.length > 0 ? { bindings } : {}),
        ...(requests.length > 0 ? { requests } : {}),
      });
    };
    return {
      ...hooks,
      binding: (call) => {
        hooks.binding?.(call);
        if (bindings.length < MAX_BINDING_CALLS) bindings.push(call);
        fire();
      },
      request: (record) => {
        hooks.request?.(record);
        if (requests.length < MAX_REQUESTS_PER_ATTEMPT) requests.push({ ...record });
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
        const cut = { instanceId, stepName: ctx.step.name, attempt: ctx.attempt };
        result = fn(ctx, killAfterCall(hooks, killed, cut));
      } catch (error) {
        ended();
        return unlessKilled(() => {
          throw translate(error, token, instanceId, timeoutMs, startedAt);
        });
      }
      return Promise.resolve(result).then(
        (value) => {
          ended();
          return unlessKilled(() => {
            const action = stopping.get(instanceId);
            if (action) throw stoppedBy(action, startedAt);
            return value;
          });
        },
        (error: unknown) => {
          ended();
          return unlessKilled(() => {
            throw translate(error, token, instanceId, timeoutMs, startedAt);
          });
        },
      );
    };
  }

  /** `step` with every attempt guarded; `returned()` is told when a step call hands control back to run(). */
  function guardStep(step: WorkflowStep, instanceId: string, returned: () => void): WorkflowStep {
    const told = <T>(call: Promise<T>): Promise<T> => call.finally(returned);
    return {
      do: (name, fn, config) => told(step.do(name, guard(fn, instanceId), config)),
      sleep: (name, duration) => told(step.sleep(name, duration)),
      sleepUntil: (name, at) => told(step.sleepUntil(name, at)),
      waitForEvent: (name, opts) => told(step.waitForEvent(name, opts)),
    };
  }

  return {
    /** The body with every `step.do` attempt watched. */
    wrap(body: WorkflowBody): WorkflowBody {
      return (ctx) => {
        const id = ctx.event.instanceId;
        stopping.delete(id);
        // Since when run() has held Python, at most: for the watchdog's interrupt to say how long.
        const since = { at: Date.now(), what: 'run() started' };
        const returned = () => Object.assign(since, { at: Date.now(), what: 'its last step call returned' });
        return body({ ...ctx, step: guardStep(ctx.step, id, returned) }).then(
          (output) => (stopping.has(id) ? new Promise<never>(() => {}) : output),
          (error: unknown) => translateRun(error, id, since),
        );
      };
    },
    /**
     * `wrap`, for the studio's live engine: the body starts in a host macrotask, so the command that started the
     * run (create, resume, recover…) has answered and its appends reached the journal mirror before user code
     * can hold the thread — a `run()` that loops from its first line would otherwise leave its `create`
     * unanswered (the page never selects the instance, the run dialog stays open) until something stops it.
     */
    wrapLive(body: WorkflowBody): WorkflowBody {
      const wrapped = this.wrap(body);
      const defer = deps.defer;
      if (!defer) return wrapped;
      return (ctx) => new Promise<void>((resolve) => defer(resolve)).then(() => wrapped(ctx));
    },
    /** What Python's interrupt handling asks (`PythonRuntime.routeInterrupts`); none without a buffer. */
    routing: router && {
      decide: (site: InterruptSite) => router.decide(site),
      /** A `KeyboardInterrupt` escaping an asyncio callback stopped an instance for Terminate/Pause/Delete. */
      swallow: () => {
        const taken = router.claim((t) => t.site.where !== 'import' && stopsInstance(t.action));
        if (taken?.action && taken.site.instanceId !== undefined) stopping.set(taken.site.instanceId, taken.action);
        return taken !== undefined;
      },
    },
    importInterrupt,
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
