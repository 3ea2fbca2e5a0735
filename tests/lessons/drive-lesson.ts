/**
 * Performs a lesson's `drive` (lessons/kit.ts, `DriveAction`) on the real engine and Python runtime, as the
 * learner does it in the studio: run, crash injection (the executor dies before the next step attempt and a
 * new one recovers the instance from the journal), events, ⟳ Load of edited code, Skip wait. Virtual clock,
 * so sleeps and retry delays take no time; a wait for an event nobody sent stops the drive, as in the studio.
 */

import type { Lesson, LessonRun } from '../../lessons/kit';
import {
  createEngine,
  createMemoryJournalStore,
  createVirtualClock,
  type Engine,
  type JournalStore,
  reduceJournal,
  type StepFn,
  type VirtualClock,
  type WorkflowBody,
} from '../../src/engine';
import { driveInstance, type PythonRuntime, type WorkflowModule } from '../../src/runtime';

const T0 = 1_000_000_000_000;
const ID = 'lesson-run';

interface Host {
  engine: Engine;
  module: WorkflowModule;
  dispose(): void;
}

/** Runs `lesson.drive` with `code` as the learner's file; returns what the check sees. */
export async function driveLesson(runtime: PythonRuntime, lesson: Lesson, code: string): Promise<LessonRun> {
  const store = createMemoryJournalStore();
  const clock = createVirtualClock(T0);
  const crash = { armed: false, killed: false };
  let host: Host | undefined;
  let created = false;

  /** Lets the instance go on; with `holdClock` time stands still (the learner acts while it sleeps). */
  const settle = async (holdClock = false) => {
    for (;;) {
      if (holdClock) await host!.engine.settle();
      else await drive(host!, runtime, clock, store, created);
      if (!crash.killed) return;
      // The executor died: a new one loads the same code and recovers every unfinished instance.
      crash.killed = false;
      host!.dispose();
      host = hostOn(runtime, store, clock, currentSource, crash);
      await host.engine.recover();
    }
  };
  let currentSource = code;

  try {
    for (const [i, action] of lesson.drive.entries()) {
      const next = lesson.drive[i + 1]?.do;
      const holdClock = next === 'load' || next === 'skip-wait';
      switch (action.do) {
        case 'run': {
          currentSource = action.code === 'start' ? lesson.start : code;
          host?.dispose();
          host = hostOn(runtime, store, clock, currentSource, crash);
          const workflow = host.module.workflows[0];
          if (!workflow) throw new Error(`lesson ${lesson.id}: the file defines no workflow`);
          await host.engine.binding(workflow.workflowName).create({ id: ID, params: action.params });
          created = true;
          await settle(holdClock);
          break;
        }
        case 'kill-at-next-step':
          crash.armed = true;
          break;
        case 'send-event':
          await (await host!.engine.binding(reduceJournal(await store.read(ID)).workflowName).get(ID)).sendEvent({
            type: action.type,
            payload: action.payload,
          });
          await settle(holdClock);
          break;
        case 'load':
          currentSource = code;
          host!.dispose();
          host = hostOn(runtime, store, clock, currentSource, crash);
          await host.engine.recover();
          await settle(holdClock);
          break;
        case 'skip-wait':
          await host!.engine.skipWait(ID);
          await settle(holdClock);
          break;
      }
    }
    const journal = await store.read(ID);
    return { view: reduceJournal(journal), journal };
  } finally {
    host?.dispose();
  }
}

async function drive(host: Host, runtime: PythonRuntime, clock: VirtualClock, store: JournalStore, created: boolean) {
  if (!created) return;
  await driveInstance({
    engine: host.engine,
    runtime,
    clock,
    instanceId: ID,
    expireWaits: false,
    view: async () => reduceJournal(await store.read(ID)),
  });
}

/** An engine with `source` loaded, whose next step attempt kills it while `crash.armed` (step-guard.ts does so in the executor). */
function hostOn(
  runtime: PythonRuntime,
  store: JournalStore,
  clock: VirtualClock,
  source: string,
  crash: { armed: boolean; killed: boolean },
): Host {
  let module: WorkflowModule | undefined;
  let engine: Engine | undefined;
  const guard =
    (fn: StepFn): StepFn =>
    (ctx, hooks) => {
      if (!crash.armed) return fn(ctx, hooks);
      crash.armed = false;
      crash.killed = true;
      engine!.dispose();
      return new Promise<never>(() => {});
    };
  const wrap =
    (body: WorkflowBody): WorkflowBody =>
    (ctx) =>
      body({
        ...ctx,
        step: {
          do: (name, fn, config) => ctx.step.do(name, guard(fn), config),
          sleep: (name, duration) => ctx.step.sleep(name, duration),
          sleepUntil: (name, at) => ctx.step.sleepUntil(name, at),
          waitForEvent: (name, opts) => ctx.step.waitForEvent(name, opts),
        },
      });
  engine = createEngine({
    store,
    clock,
    resolveWorkflow: (name) => {
      const body = module?.body(name);
      return body && wrap(body);
    },
    defer: (cb) => setImmediate(cb),
    hostActivity: (run) => runtime.activity(run),
  });
  const loaded = runtime.loadModule({ source, filename: 'lesson.py', clock, binding: (n) => engine!.binding(n) });
  if (!loaded.ok) throw new Error(`${loaded.error.name}: ${loaded.error.message} (line ${loaded.error.line})`);
  module = loaded.module;
  return {
    engine,
    module,
    dispose() {
      engine!.dispose();
      module!.dispose();
    },
  };
}
