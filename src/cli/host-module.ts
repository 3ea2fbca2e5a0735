/**
 * An engine with the user's module loaded into Python, as `run` and `replay` host a workflow file: the
 * runtime's activity counts as work for `settle()` and a module that fails to load is bad input naming the file, line and column.
 */
import { type Clock, createEngine, type Engine, type JournalStore, type Mocks, type WorkflowBody } from '../engine';
import type { EnvBindings, PythonRuntime, WorkflowModule } from '../runtime';
import { BadInput } from './bad-input';
import type { CliIo } from './run-command';

/** What {@link hostModule} wires together. */
export interface HostModuleParams {
  runtime: PythonRuntime;
  store: JournalStore;
  clock: Clock;
  source: string;
  /** The file name Python reports (in tracebacks) and the error names. */
  filename: string;
  /** Wall time for the journal. */
  now(): number;
  io: CliIo;
  /** The command to name in a syntax error's hint: "fix the syntax and `again` again". */
  again: 'run' | 'replay' | 'test';
  /** The file's declared KV, D1, R2 bindings, vars and secrets (`run --env`). */
  env?: EnvBindings;
  /** The file's mocks (`run --mocks FILE`); default none. */
  mocks?: Mocks;
  /** Which body runs an instance of `name`; default the module's workflow of that name. */
  resolveWorkflow?(name: string, module: WorkflowModule): WorkflowBody | undefined;
}

/** The engine and the loaded module; `dispose()` releases both. */
export interface HostedModule {
  engine: Engine;
  module: WorkflowModule;
  dispose(): void;
}

/** Creates the engine and imports `source`; throws {@link BadInput} when the module does not load. */
export function hostModule(p: HostModuleParams): HostedModule {
  const { runtime, clock } = p;
  const resolve = p.resolveWorkflow ?? ((name: string, m: WorkflowModule) => m.body(name));
  let module: WorkflowModule | undefined;
  const engine = createEngine({
    store: p.store,
    clock,
    resolveWorkflow: (name) => (module ? resolve(name, module) : undefined),
    wallNow: p.now,
    defer: (cb) => setImmediate(cb),
    hostActivity: (run) => runtime.activity(run), // Python between two engine calls is work too
  });
  let hosted: WorkflowModule;
  try {
    hosted = load(p, engine);
  } catch (e) {
    engine.dispose();
    throw e;
  }
  module = hosted;
  return {
    engine,
    module: hosted,
    dispose() {
      engine.dispose();
      hosted.dispose();
    },
  };
}

/** Imports the module into Python, or throws the bad input that says where it failed. */
function load(p: HostModuleParams, engine: Engine): WorkflowModule {
  const loaded = p.runtime.loadModule({
    source: p.source,
    filename: p.filename,
    clock: p.clock,
    binding: (name) => engine.binding(name),
    env: () => p.env,
    mocks: p.mocks,
  });
  if (!loaded.ok) {
    const { name, message, line, column, kind } = loaded.error;
    const where = line === null ? p.filename : `${p.filename}:${line}${column ? `:${column}` : ''}`;
    const hint = kind === 'syntax' ? `fix the syntax and ${p.again} again` : 'the module failed while being imported';
    throw new BadInput(`${where}: ${name}: ${message} (${hint})`);
  }
  return loaded.module;
}
