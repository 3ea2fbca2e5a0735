import type { PyodideAPI } from 'pyodide';
import type { PyCallable } from 'pyodide/ffi';
import type { Clock, Disposable, HostRun, Mocks, WorkflowBinding } from '../engine';
import type { EnvBindings } from './bindings/env-bindings';
import type { GateCaller } from './network-gate';
import { lockDownPyodide } from './python-lockdown';
import { installSdk, type SdkSources, sdkHash } from './sdk-sources';
import { createWorkflowModule, liveRunKey, type WorkflowModule } from './workflow-module';

/**
 * The Python runtime: one Pyodide with the `workers` SDK installed, able to import user workflow modules and
 * run their `run()` methods as engine `WorkflowBody`s. One per Pyodide; many modules, engines and instances
 * may share it (each run is its own asyncio Task with its own `step` and `event`).
 */
export interface PythonRuntime extends Disposable {
  /** Hash of the SDK sources (for keying memory snapshots). */
  readonly sdkHash: string;
  /** Imports a user module. Hosts import a source version once and reuse the module for all its instances. */
  loadModule(params: LoadModuleParams): LoadModuleResult;
  /** Live Python-side registries (tests use this to check that nothing leaks). */
  stats(): { modules: number; runs: number; attempts: number };
  /**
   * A counter of asyncio callbacks scheduled so far; with `run`, of those scheduled by that run's own tasks
   * (its `run()` and its step attempts; 0 when no such run is live). The engine cannot see Python working
   * between two engine calls; hosts pass this as the engine's `hostActivity`, so a counter that stands still
   * for a few host turns means Python is idle too.
   */
  activity(run?: HostRun): number;
  /**
   * The network context of the Python code calling `js.fetch` right now (its file's HTTP mocks, its attempt's
   * request list), for the network gate's `caller`; `undefined` outside any run.
   */
  callingNet(): GateCaller | undefined;
  /**
   * Routes the interrupt buffer's `KeyboardInterrupt` (`pyodide.setInterruptBuffer`) to the code it is aimed
   * at: when it arrives, `decide` is told whose code Python is running (see {@link InterruptSite}) and says
   * whether to raise it there; otherwise that code carries on. One escaping an asyncio callback is dropped
   * when `swallow()` says so (else the event loop throws it into JavaScript). Once per runtime.
   */
  routeInterrupts(decide: (site: InterruptSite) => boolean, swallow: () => boolean): void;
}

/** Where Python was when an interrupt arrived: the instance whose run's context it ran in, and in what part. */
export interface InterruptSite {
  /** `undefined` outside any run (a module's top-level code, the event loop itself). */
  instanceId: string | undefined;
  /** A step attempt (or a task or callback it started), `run()` (likewise), a module's top-level code, or other. */
  where: 'attempt' | 'run' | 'import' | 'other';
}

/** What a module needs besides its source: the engine's clock and its workflow bindings. */
export interface LoadModuleParams {
  source: string;
  /** Shown in tracebacks and syntax errors; default `workflow.py`. */
  filename?: string;
  /** The engine's clock. A virtual clock (one with `advanceTo`) also makes `asyncio.sleep` virtual. */
  clock: Clock;
  /** The engine binding for a workflow name, looked up lazily (usually `(name) => engine.binding(name)`). */
  binding(workflowName: string): WorkflowBinding;
  /**
   * The file's declared KV, D1, R2 bindings, vars and secrets (`createEnvBindings`), read at each `self.env.NAME`
   * lookup, so a host may swap them (a new declaration) without reloading the module. Absent: none declared.
   */
  env?: () => EnvBindings | undefined;
  /** The file's mocks (HTTP rules, step results, scripted events); default none. */
  mocks?: Mocks;
}

/** Why a module could not be imported; `line` is 1-based in the user's file, when known. */
export interface ModuleLoadError {
  kind: 'syntax' | 'import';
  /** The Python exception type, e.g. `SyntaxError`, `IndentationError`, `NameError`. */
  name: string;
  message: string;
  line: number | null;
  column?: number | null;
  traceback: string;
}

/** Result of {@link PythonRuntime.loadModule}: expected failures are returned, not thrown. */
export type LoadModuleResult = { ok: true; module: WorkflowModule } | { ok: false; error: ModuleLoadError };

/** The Python functions of `workers._host` the bridge calls (see that module for the contract). */
export interface HostFunctions {
  load_module: PyCallable;
  unload_module: PyCallable;
  start_run: PyCallable;
  evict_run: PyCallable;
  start_attempt: PyCallable;
  cancel_attempt: PyCallable;
  stats: PyCallable;
  activity: PyCallable;
  calling_net: PyCallable;
  route_interrupts: PyCallable;
}

const HOST_FUNCTIONS: (keyof HostFunctions)[] = [
  'load_module',
  'unload_module',
  'start_run',
  'evict_run',
  'start_attempt',
  'cancel_attempt',
  'stats',
  'activity',
  'calling_net',
  'route_interrupts',
];

const runtimes = new WeakMap<PyodideAPI, { hash: string; runtime: PythonRuntime }>();

/**
 * Installs the SDK into `pyodide` (see {@link installSdk}), locks Python's view of JavaScript down (see
 * python-lockdown.ts: `pyodide` must have been loaded with `jsglobals: createWorkflowGlobals(...)`) and returns
 * the runtime. Calling it again for the same Pyodide and the same sources returns the same runtime; other sources
 * are an error (start a new Pyodide).
 */
export function createPythonRuntime(deps: {
  pyodide: PyodideAPI;
  sources: SdkSources;
  /** `sdkHash(sources)` when the caller has it already (hashing the sources takes ~10 ms in a busy worker). */
  hash?: string;
}): PythonRuntime {
  const { pyodide, sources } = deps;
  const hash = deps.hash ?? sdkHash(sources);
  const existing = runtimes.get(pyodide);
  if (existing !== undefined) {
    if (existing.hash !== hash) {
      throw new Error(
        `This Pyodide already runs workers SDK ${existing.hash}; SDK ${hash} needs a fresh Pyodide instance.`,
      );
    }
    return existing.runtime;
  }
  installSdk(pyodide, sources);
  lockDownPyodide(pyodide);
  const fns = {} as HostFunctions;
  for (const name of HOST_FUNCTIONS) fns[name] = pyodide.pyimport(`workers._host.${name}`);
  let moduleCounter = 0;
  const runtime: PythonRuntime = {
    sdkHash: hash,
    loadModule(params) {
      moduleCounter += 1;
      const filename = params.filename ?? 'workflow.py';
      return createWorkflowModule(fns, params, moduleName(filename, moduleCounter), filename);
    },
    stats: () => JSON.parse(fns.stats() as string),
    activity(run) {
      if (!run) return fns.activity() as number;
      const key = liveRunKey(run);
      return key === undefined ? 0 : (fns.activity(key) as number);
    },
    callingNet: () => (fns.calling_net() as GateCaller | null | undefined) ?? undefined,
    routeInterrupts(decide, swallow) {
      fns.route_interrupts(
        (instanceId: string | null | undefined, where: InterruptSite['where']) =>
          decide({ instanceId: instanceId ?? undefined, where }),
        swallow,
      );
    },
    dispose() {
      if (runtimes.get(pyodide)?.runtime !== runtime) return;
      runtimes.delete(pyodide);
      for (const name of HOST_FUNCTIONS) fns[name].destroy();
    },
  };
  runtimes.set(pyodide, { hash, runtime });
  return runtime;
}

/** A Python module name from the file name (`my-flow.py` → `my_flow`), unique per load. */
function moduleName(filename: string, n: number): string {
  const base = filename.replaceAll('\\', '/').split('/').pop() ?? 'workflow';
  const stem = base.replace(/\.py$/, '').replace(/[^A-Za-z0-9_]/g, '_') || 'workflow';
  return `${/^[0-9]/.test(stem) ? `_${stem}` : stem}${n === 1 ? '' : `__v${n}`}`;
}
