/**
 * A workflow file's mocks (src/engine/mocks.ts) applied to the runs of its loaded module:
 * - HTTP rules: each attempt (and each run, for code outside steps) gets a network context the gate asks for
 *   (`PythonRuntime.callingNet`): the rules, the calling instance's call counts (`failFirst` counts per instance),
 *   and the attempt's request list (`AttemptHooks.request`, journaled with the attempt);
 * - step-result mocks: the attempt is told what to return or raise instead of running the step's function, the
 *   same replacement `workers.testing`'s `mock_step_result` / `mock_step_error` use (`workers._host._attempt`);
 * - scripted events: `after` events are sent on the engine's clock that long after the instance was created,
 *   scheduled by its first run; `when: "waiting"` events once the instance has asked to wait for that type (the
 *   engine hands it to that wait). Each is journaled as sent with its key (`event-buffered`'s `scripted`,
 *   `events[i]`), so nothing is lost or sent twice across a reload: a fresh executor hands each instance's
 *   journal to `resumed`, which schedules the `after` events not yet sent at their original due time (at once
 *   when it has passed) and never sends a `when: "waiting"` event that was sent already.
 */
import {
  type AttemptHooks,
  type Clock,
  type Disposable,
  type JournalEvent,
  type Mocks,
  NO_MOCKS,
  type RunContext,
  type ScriptedEvent,
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
  /**
   * A fresh executor resumes an instance; `journal` reads its journal (only when the mocks script events), before
   * the engine loads it, so before any wait it replays: schedules its `after` events not yet sent, at creation +
   * delay (at once when that has passed), and marks the `when: "waiting"` events it was sent already.
   */
  resumed(journal: () => Promise<readonly JournalEvent[]>): Promise<void>;
}

/** The key a scripted event is journaled with when sent (`event-buffered`'s `scripted`): its place in `events`. */
export const scriptedKey = (index: number) => `events[${index}]`;

/** The mocks of a module whose workflows are named by `binding` on the engine's `clock`. */
export function createModuleMocks(
  mocks: Mocks | undefined,
  clock: Clock,
  binding: (workflowName: string) => WorkflowBinding,
): ModuleMocks {
  let m = mocks ?? NO_MOCKS;
  const calls = new Map<string, Map<number, number>>();
  /** `instance \0 key` of every scripted event sent or scheduled here (or journaled as sent): each goes once. */
  const taken = new Set<string>();
  const timers = new Set<Disposable>();
  const callsOf = (instanceId: string) => {
    let counts = calls.get(instanceId);
    if (counts === undefined) {
      counts = new Map();
      calls.set(instanceId, counts);
    }
    return counts;
  };
  /** Takes `events[index]` for the instance; false when it was taken (sent, or scheduled) already. */
  const take = (instanceId: string, index: number) => {
    const key = `${instanceId}\u0000${scriptedKey(index)}`;
    if (taken.has(key)) return false;
    taken.add(key);
    return true;
  };
  const send = async (workflowName: string, instanceId: string, index: number, event: ScriptedEvent) => {
    const handle = await binding(workflowName).get(instanceId);
    await handle.sendEvent({ type: event.type, payload: event.payload, scripted: scriptedKey(index) });
  };
  const workflowOf = new Map<string, string>();
  /** Schedules the `after` events not taken yet, each at `createdAt` + its delay (at once when that has passed). */
  const scheduleAfter = (instanceId: string, workflowName: string, createdAt: number) => {
    m.events.forEach((event, index) => {
      if (!('afterMs' in event.when) || !take(instanceId, index)) return;
      const timer = clock.setTimer(Math.max(clock.now(), createdAt + event.when.afterMs), () => {
        timers.delete(timer);
        // The instance may have finished meanwhile: an event it can no longer take is dropped.
        send(workflowName, instanceId, index, event).catch(() => {});
      });
      timers.add(timer);
    });
  };
  return {
    set(next) {
      m = next ?? NO_MOCKS;
    },
    attemptNet: (instanceId, hooks) => ({
      rules: m.http,
      calls: callsOf(instanceId),
      ...(m.allowNet ? { allow: m.allowNet } : {}),
      record: (r) => hooks.request?.(r),
    }),
    runNet: (instanceId) => ({
      rules: m.http,
      calls: callsOf(instanceId),
      ...(m.allowNet ? { allow: m.allowNet } : {}),
    }),
    stepMockJson(ctx) {
      const mock = stepMockFor(m, ctx.step.name, ctx.step.count, ctx.attempt);
      return mock === undefined ? undefined : JSON.stringify(mock.outcome);
    },
    runStarted(ctx) {
      const { instanceId, workflowName, timestamp } = ctx.event;
      workflowOf.set(instanceId, workflowName);
      if (ctx.run === 1) scheduleAfter(instanceId, workflowName, timestamp);
    },
    waiting(instanceId, type) {
      const workflowName = workflowOf.get(instanceId);
      if (workflowName === undefined) return;
      const index = m.events.findIndex((e) => e.type === type && 'waiting' in e.when);
      const event = m.events[index];
      if (event === undefined || !take(instanceId, index)) return;
      send(workflowName, instanceId, index, event).catch(() => {});
    },
    async resumed(read) {
      if (m.events.length === 0) return;
      const journal = await read();
      const created = journal[0];
      if (created?.type !== 'instance-created') return;
      const { instanceId, workflowName, at } = created;
      workflowOf.set(instanceId, workflowName);
      // Sent before the reload (journaled with its key and type): taken, never sent again.
      for (const e of journal) {
        if (e.type !== 'event-buffered' || e.scripted === undefined) continue;
        const index = m.events.findIndex((s, i) => scriptedKey(i) === e.scripted && s.type === e.eventType);
        if (index >= 0) take(instanceId, index);
      }
      scheduleAfter(instanceId, workflowName, at);
    },
    dispose() {
      for (const timer of timers) timer.dispose();
      timers.clear();
    },
  };
}
