/**
 * Performs a lesson's `drive` (lessons/kit.ts, `DriveAction`) on the real engine and Python runtime, as the
 * learner does it in the studio: run, crash injection (the executor's own step guard kills it before the next
 * step attempt, or inside it right after its next binding call or request, and a new one recovers the instance
 * from the journal, first journaling an attempt cut off inside as lost with the calls it made), events, ⟳ Load
 * of edited code, Skip wait. The lesson's `env` bindings live in memory and outlive a killed executor, as they
 * do in IndexedDB. Virtual clock, so sleeps and retry delays take no time; a
 * wait for an event nobody sent stops the drive, as in the studio.
 */

import type { Lesson, LessonRun } from '../../lessons/kit';
import {
  createEngine,
  createMemoryBindingStore,
  createMemoryJournalStore,
  createVirtualClock,
  type Engine,
  type JournalStore,
  parseEnvDeclaration,
  reduceJournal,
  summarizeJournal,
  type VirtualClock,
} from '../../src/engine';
import { createStepGuard, type StepGuard } from '../../src/executor/step-guard';
import { stoppedAttemptEvents } from '../../src/executor/stopped-attempts';
import type { KillPoint, StoppedAttempt } from '../../src/protocol';
import {
  createEnvBindings,
  driveInstance,
  type EnvBindings,
  type PythonRuntime,
  type WorkflowModule,
} from '../../src/runtime';
import { nodeSql } from '../../src/runtime/bindings/node-sql';

const T0 = 1_000_000_000_000;
const ID = 'lesson-run';

interface Host {
  engine: Engine;
  module: WorkflowModule;
  guard: StepGuard;
  dispose(): void;
}

/**
 * Crash injection across executors: `armed` carries over to the next host until it fires; `cut` is the attempt
 * an `after-call` kill cut off, which the next executor journals as lost with its calls (as the studio's does).
 */
interface Crash {
  armed: KillPoint | undefined;
  killed: boolean;
  cut?: StoppedAttempt | undefined;
}

/** The lesson's `env` (lesson.json), in memory for the whole drive. */
function lessonEnv(lesson: Lesson, clock: VirtualClock): EnvBindings | undefined {
  if (lesson.env === undefined) return undefined;
  const parsed = parseEnvDeclaration(JSON.stringify(lesson.env));
  if (!parsed.ok) throw new Error(`lesson ${lesson.id}: its env does not parse: ${parsed.message}`);
  const store = createMemoryBindingStore();
  return createEnvBindings({ env: parsed.env, store, scope: 'lesson', sql: nodeSql, now: () => clock.now() });
}

/** Runs `lesson.drive` with `code` as the learner's file; returns what the check sees. */
export async function driveLesson(runtime: PythonRuntime, lesson: Lesson, code: string): Promise<LessonRun> {
  const store = createMemoryJournalStore();
  const clock = createVirtualClock(T0);
  const crash: Crash = { armed: undefined, killed: false };
  const env = lessonEnv(lesson, clock);
  let host: Host | undefined;
  let created = false;

  /** Lets the instance go on; with `holdClock` time stands still (the learner acts while it sleeps). */
  const settle = async (holdClock = false) => {
    for (;;) {
      if (holdClock) await host!.engine.settle();
      else await drive(host!, runtime, clock, store, created, env);
      if (!crash.killed) return;
      // The executor died: a new one loads the same code and recovers every unfinished instance.
      crash.killed = false;
      host!.dispose();
      host = hostOn(runtime, store, clock, currentSource, crash, env);
      if (crash.cut) await failStopped(store, crash.cut, clock.now());
      crash.cut = undefined;
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
          host = hostOn(runtime, store, clock, currentSource, crash, env);
          const workflow = host.module.workflows[0];
          if (!workflow) throw new Error(`lesson ${lesson.id}: the file defines no workflow`);
          await host.engine.binding(workflow.workflowName).create({ id: ID, params: action.params });
          created = true;
          await settle(holdClock);
          break;
        }
        case 'kill-at-next-step':
          crash.armed = 'before-attempt';
          host?.guard.armKill('before-attempt');
          break;
        case 'kill-after-next-call':
          crash.armed = 'after-call';
          host?.guard.armKill('after-call');
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
          host = hostOn(runtime, store, clock, currentSource, crash, env);
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

async function drive(
  host: Host,
  runtime: PythonRuntime,
  clock: VirtualClock,
  store: JournalStore,
  created: boolean,
  env: EnvBindings | undefined,
) {
  if (!created) return;
  await driveInstance({
    engine: host.engine,
    runtime,
    clock,
    instanceId: ID,
    expireWaits: false,
    view: async () => reduceJournal(await store.read(ID)),
    // A binding call awaits storage, which the engine cannot see: virtual time waits for it.
    pendingRequests: () => env?.pending() ?? 0,
  });
}

/** What the studio's next executor journals first for an attempt crash injection cut off (`fail-stopped-attempts`). */
async function failStopped(store: JournalStore, cut: StoppedAttempt, now: number): Promise<void> {
  const journal = await store.read(ID);
  const events = stoppedAttemptEvents(journal, cut, now, now);
  if (events.length > 0) await store.append(ID, events, summarizeJournal([...journal, ...events]));
}

/**
 * An engine with `source` loaded, its bodies wrapped by the executor's step guard (step-guard.ts), armed as
 * `crash` says: when the kill fires the engine stops at once, as the worker does.
 */
function hostOn(
  runtime: PythonRuntime,
  store: JournalStore,
  clock: VirtualClock,
  source: string,
  crash: Crash,
  env: EnvBindings | undefined,
): Host {
  let module: WorkflowModule | undefined;
  let engine: Engine | undefined;
  const guard = createStepGuard({
    emit: () => {},
    kill: (_at, cut) => {
      crash.armed = undefined;
      crash.cut = cut;
      crash.killed = true;
      engine!.dispose();
    },
  });
  if (crash.armed) guard.armKill(crash.armed);
  engine = createEngine({
    store,
    clock,
    resolveWorkflow: (name) => {
      const body = module?.body(name);
      return body && guard.wrap(body);
    },
    defer: (cb) => setImmediate(cb),
    hostActivity: (run) => runtime.activity(run),
  });
  const loaded = runtime.loadModule({
    source,
    filename: 'lesson.py',
    clock,
    binding: (n) => engine!.binding(n),
    env: () => env,
  });
  if (!loaded.ok) throw new Error(`${loaded.error.name}: ${loaded.error.message} (line ${loaded.error.line})`);
  module = loaded.module;
  return {
    engine,
    module,
    guard,
    dispose() {
      engine!.dispose();
      module!.dispose();
    },
  };
}
