import type {
  AttemptHooks,
  BindingCall,
  Disposable,
  HostRun,
  JournalEvent,
  Mocks,
  RunContext,
  StepContext,
  StepFn,
  WorkflowBody,
  WorkflowInfo,
} from '../engine';
import { createEnvHost } from './env-host';
import { createModuleMocks, type ModuleMocks } from './file-mocks';
import { fromPythonJson, toPythonJson } from './json-text';
import { PythonError } from './python-error';
import type { HostFunctions, LoadModuleParams, LoadModuleResult, ModuleLoadError } from './python-runtime';
import { type UnserialisableProblem, unserialisableStandIn } from './stand-in';

/** A user module imported into the runtime: its workflows, and a `WorkflowBody` for each. */
export interface WorkflowModule extends Disposable {
  /** The `WorkflowEntrypoint` subclasses of the module, in definition order. */
  readonly workflows: readonly WorkflowInfo[];
  /** The body that runs `run()` of the workflow with this name (for the engine's `resolveWorkflow`). */
  body(workflowName: string): WorkflowBody | undefined;
  /** Replaces the file's mocks (`LoadModuleParams.mocks`) for the attempts, requests and instances from now on. */
  setMocks?(mocks: Mocks | undefined): void;
  /** An instance is resumed by a fresh executor: its scripted events not yet sent are sent (`ModuleMocks.resumed`). */
  resumed?(journal: () => Promise<readonly JournalEvent[]>): Promise<void>;
}

/** One `WorkflowEntrypoint` subclass of the module (the engine's `WorkflowInfo`). */
export type { WorkflowInfo };

/** `aliases`: workflow bindings declared outside the module (a test folder's wrangler.jsonc), binding → workflow. */
type Alias = { bindingName: string; workflowName: string };
type LoadReply = (
  | { ok: true; key: number; workflows: WorkflowInfo[]; aliases?: Alias[] }
  | ({ ok: false } & ModuleLoadError)
) & {};

let runCounter = 0;
let attemptCounter = 0;
/** The Python key of each live run, by instance and run number (for `PythonRuntime.activity(run)`). */
const liveRuns = new Map<string, number>();
const liveName = (instanceId: string, run: number) => `${instanceId}\u0000${run}`;

/** @internal The Python key of the live run `run`, if one is live. */
export function liveRunKey(run: HostRun): number | undefined {
  return liveRuns.get(liveName(run.instanceId, run.run));
}

/** @internal Imports `params.source` through `workers._host.load_module`; see {@link PythonRuntime.loadModule}. */
export function createWorkflowModule(
  fns: HostFunctions,
  params: LoadModuleParams,
  moduleName: string,
  filename: string,
): LoadModuleResult {
  const workflowsByBinding = new Map<string, string>();
  const envHost = createEnvHost((bindingName) => {
    const workflowName = workflowsByBinding.get(bindingName);
    if (workflowName === undefined) throw new Error(`Unknown workflow binding ${bindingName}`);
    return params.binding(workflowName);
  }, params.env);
  const reply = JSON.parse(fns.load_module(params.source, filename, moduleName, envHost) as string) as LoadReply;
  if (!reply.ok) {
    const { ok: _ok, ...error } = reply;
    return { ok: false, error };
  }
  for (const w of [...reply.workflows, ...(reply.aliases ?? [])]) workflowsByBinding.set(w.bindingName, w.workflowName);
  const bodies = new Map<string, WorkflowBody>();
  let disposed = false;
  const mocks = createModuleMocks(params.mocks, params.clock, params.binding);
  for (const info of reply.workflows) {
    bodies.set(
      info.workflowName,
      createBody(fns, params, reply.key, info, mocks, () => disposed),
    );
  }
  return {
    ok: true,
    module: {
      workflows: reply.workflows,
      body: (workflowName) => bodies.get(workflowName),
      setMocks: (next) => mocks.set(next),
      resumed: (journal) => mocks.resumed(journal),
      dispose() {
        if (disposed) return;
        disposed = true;
        mocks.dispose();
        fns.unload_module(reply.key);
      },
    },
  };
}

function isVirtual(clock: LoadModuleParams['clock']): boolean {
  return typeof (clock as { advanceTo?: unknown }).advanceTo === 'function';
}

function createBody(
  fns: HostFunctions,
  params: LoadModuleParams,
  moduleKey: number,
  info: WorkflowInfo,
  mocks: ModuleMocks,
  isDisposed: () => boolean,
): WorkflowBody {
  const { clock } = params;
  const virtual = isVirtual(clock);
  return (ctx: RunContext) =>
    new Promise((resolve, reject) => {
      if (isDisposed()) {
        reject(new Error(`The module of workflow "${info.workflowName}" was unloaded`));
        return;
      }
      runCounter += 1;
      const runKey = runCounter;
      const live = liveName(ctx.event.instanceId, ctx.run);
      const leaveLive = () => {
        if (liveRuns.get(live) === runKey) liveRuns.delete(live);
      };
      let settled = false;
      let evicted: Disposable | undefined;
      const instanceId = ctx.event.instanceId;
      mocks.runStarted(ctx);
      const finish = () => {
        settled = true;
        leaveLive();
        evicted?.dispose();
      };
      const stepFn =
        (callId: number): StepFn =>
        (stepCtx: StepContext, hooks: AttemptHooks) =>
          new Promise((res, rej) => {
            attemptCounter += 1;
            const attemptKey = attemptCounter;
            const cancel = hooks.onCancel(() => fns.cancel_attempt(attemptKey));
            fns.start_attempt(runKey, callId, attemptKey, {
              ctxJson: toPythonJson(stepCtx),
              net: mocks.attemptNet(instanceId, hooks),
              mockJson: mocks.stepMockJson(stepCtx),
              log: (text: string) => hooks.log(text),
              binding: (call: BindingCall) => hooks.binding?.(call),
              resolve: (json: string) => {
                cancel.dispose();
                res(JSON.parse(json));
              },
              reject: (name: string, message: string, traceback: string) => {
                cancel.dispose();
                rej(new PythonError(name, message, traceback));
              },
              invalid: (problemJson: string) => {
                cancel.dispose();
                res(unserialisableStandIn(JSON.parse(problemJson) as UnserialisableProblem));
              },
            });
          });
      const host = {
        eventJson: JSON.stringify(ctx.event),
        net: mocks.runNet(instanceId),
        now: () => clock.now(),
        timer: (ms: number) => {
          let fire = () => {};
          const promise = new Promise<void>((r) => {
            fire = r;
          });
          const timer = clock.setTimer(clock.now() + ms, () => fire());
          return { promise, dispose: () => timer.dispose() };
        },
        doStep: (name: string, callId: number, configJson: string | undefined) =>
          ctx.step
            .do(name, stepFn(callId), configJson === undefined ? undefined : fromPythonJson(configJson))
            .then(toPythonJson),
        sleep: (name: string, duration: number | string) => ctx.step.sleep(name, duration),
        sleepUntil: (name: string, at: number) => ctx.step.sleepUntil(name, at),
        waitForEvent: (name: string, type: string, timeout: number | string) => {
          const received = ctx.step.waitForEvent(name, { type, timeout });
          mocks.waiting(instanceId, type);
          return received.then(toPythonJson);
        },
        // print() outside steps: the engine caps it per run and journals it with the run's next event.
        log: (text: string) => ctx.log(text),
        resolve: (json: string) => {
          if (settled) return;
          finish();
          resolve(JSON.parse(json));
        },
        reject: (name: string, message: string, traceback: string) => {
          if (settled) return;
          finish();
          reject(new PythonError(name, message, traceback));
        },
        invalid: (problemJson: string) => {
          if (settled) return;
          finish();
          resolve(unserialisableStandIn(JSON.parse(problemJson) as UnserialisableProblem));
        },
      };
      evicted = ctx.onEvict(() => {
        if (settled) return;
        settled = true;
        leaveLive();
        fns.evict_run(runKey);
      });
      liveRuns.set(live, runKey);
      fns.start_run(moduleKey, info.className, host, runKey, virtual);
    });
}
