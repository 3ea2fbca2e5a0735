/**
 * A workflow file's mocks (src/engine/mocks.ts) applied to the runs of its loaded module:
 * - HTTP rules: each attempt (and each run, for code outside steps) gets a network context the gate asks for
 *   (`PythonRuntime.callingNet`): the rules, the calling instance's call counts (`failFirst` counts per instance),
 *   and the attempt's request list (`AttemptHooks.request`, journaled with the attempt);
 * - step-result mocks: the attempt is told what to return or raise instead of running the step's function, the
 *   same replacement `workers.testing`'s `mock_step_result` / `mock_step_error` use (`workers._host._attempt`);
 * - scripted events: `after` events are sent on the engine's clock that long after the instance was created,
 *   scheduled by its first run (run 1; a studio reload before then loses them); `when: "waiting"` events are
 *   sent once the instance has asked to wait for that type (the engine hands it to that wait), once per instance
 *   while the module is loaded.
 */
import {
  type AttemptHooks,
  type Clock,
  type Disposable,
  type Mocks,
  NO_MOCKS,
  type RunContext,
  type StepContext,
  stepMockFor,
  type WorkflowBinding,
} from '../engine';
import type { GateCaller } from './network-gate';

/** The mocks of one loaded module. */
export interface ModuleMocks extends Disposable {
  /** Replaces the mocks (the file's mocks were edited; its source, and so its module, was not). */
  set(mocks: Mocks | undefined): void;
  /** The gate's context for an attempt of `instanceId`: its requests go to `hooks.request`. */
  attemptNet(instanceId: string, hooks: AttemptHooks): GateCaller;
  /** The gate's context for `run()` outside steps (its requests are not journaled: only attempts are durable). */
  runNet(instanceId: string): GateCaller;
  /** JSON of the step mock answering this attempt (`{"value"}` or `{"raise", "message"}`), if any. */
  stepMockJson(ctx: StepContext): string | undefined;
  /** Called at the start of each run: schedules the `after` events (first run only). */
  runStarted(ctx: RunContext): void;
  /** Called when the run has asked to wait for `type`: sends a `when: "waiting"` event of it, once per instance. */
  waiting(instanceId: string, type: string): void;
}

/** The mocks of a module whose workflows are named by `binding` on the engine's `clock`. */
export function createModuleMocks(
  mocks: Mocks | undefined,
  clock: Clock,
  binding: (workflowName: string) => WorkflowBinding,
): ModuleMocks {
  let m = mocks ?? NO_MOCKS;
  const calls = new Map<string, Map<number, number>>();
  const sentOnWait = new Set<string>();
  const timers = new Set<Disposable>();
  const callsOf = (instanceId: string) => {
    let counts = calls.get(instanceId);
    if (counts === undefined) {
      counts = new Map();
      calls.set(instanceId, counts);
    }
    return counts;
  };
  const send = async (workflowName: string, instanceId: string, type: string, payload: unknown) => {
    const handle = await binding(workflowName).get(instanceId);
    await handle.sendEvent({ type, payload });
  };
  const workflowOf = new Map<string, string>();
  return {
    set(next) {
      m = next ?? NO_MOCKS;
    },
    attemptNet: (instanceId, hooks) => ({
      rules: m.http,
      calls: callsOf(instanceId),
      record: (r) => hooks.request?.(r),
    }),
    runNet: (instanceId) => ({ rules: m.http, calls: callsOf(instanceId) }),
    stepMockJson(ctx) {
      const mock = stepMockFor(m, ctx.step.name, ctx.step.count, ctx.attempt);
      return mock === undefined ? undefined : JSON.stringify(mock.outcome);
    },
    runStarted(ctx) {
      const { instanceId, workflowName, timestamp } = ctx.event;
      workflowOf.set(instanceId, workflowName);
      if (ctx.run !== 1) return;
      for (const event of m.events) {
        if (!('afterMs' in event.when)) continue;
        const timer = clock.setTimer(Math.max(clock.now(), timestamp + event.when.afterMs), () => {
          timers.delete(timer);
          // The instance may have finished meanwhile: an event it can no longer take is dropped.
          send(workflowName, instanceId, event.type, event.payload).catch(() => {});
        });
        timers.add(timer);
      }
    },
    waiting(instanceId, type) {
      const workflowName = workflowOf.get(instanceId);
      if (workflowName === undefined) return;
      const index = m.events.findIndex((e) => e.type === type && 'waiting' in e.when);
      const key = `${instanceId}\u0000${index}`;
      if (index < 0 || sentOnWait.has(key)) return;
      sentOnWait.add(key);
      send(workflowName, instanceId, type, m.events[index]?.payload ?? null).catch(() => {});
    },
    dispose() {
      for (const timer of timers) timer.dispose();
      timers.clear();
    },
  };
}
