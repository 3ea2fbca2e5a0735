import type { JournalEvent, Mocks, WorkflowBinding, WorkflowBody } from '../engine';
import type { LoadSourceResult, WorkflowInfo } from '../protocol';
import type { EnvBindings, LoadModuleParams, PythonRuntime, WorkflowModule } from '../runtime';

/** One version of a workflow file, as the UI sends it. */
export interface SourceFile {
  fileId: string;
  version: number;
  name: string;
  source: string;
  /** The file's mocks (checked by the UI); they apply to the newest version from now on. */
  mocks?: Mocks;
}

/** What the registry needs: the runtime, the engine's clock, and a binding that knows the file it serves. */
export interface ModuleRegistryDeps {
  runtime: Pick<PythonRuntime, 'loadModule'>;
  clock: LoadModuleParams['clock'];
  /** `self.env.<BINDING>` of a module of `fileId`: instances it creates belong to that file. */
  binding(fileId: string, workflowName: string): WorkflowBinding;
  /** The file's declared KV, D1, R2 bindings, vars and secrets, read at each `self.env.NAME` (file-envs.ts). */
  env?(fileId: string): EnvBindings | undefined;
  /** Wraps each body once (the executor's step guard). */
  wrap(body: WorkflowBody): WorkflowBody;
}

interface FileEntry {
  /** Every imported version's result, so a version is imported once. */
  results: Map<number, LoadSourceResult>;
  /** The newest version Python accepted, and its module. */
  newest?: { version: number; module: WorkflowModule; bodies: Map<string, WorkflowBody> };
}

/**
 * The user modules imported into Python, per file and version. Instances replay with the newest version of
 * their file that imported successfully; older modules stay loaded so runs already executing finish on them.
 */
export function createModuleRegistry(deps: ModuleRegistryDeps) {
  const files = new Map<string, FileEntry>();
  /** File ids in the order their newest version was loaded (last = most recent), for name-only lookups. */
  const recency: string[] = [];

  function load(file: SourceFile): LoadSourceResult {
    const entry: FileEntry = files.get(file.fileId) ?? { results: new Map() };
    files.set(file.fileId, entry);
    const known = entry.results.get(file.version);
    if (known) {
      if (entry.newest?.version === file.version) entry.newest.module.setMocks?.(file.mocks);
      return known;
    }
    const loaded = deps.runtime.loadModule({
      source: file.source,
      filename: file.name,
      clock: deps.clock,
      binding: (workflowName) => deps.binding(file.fileId, workflowName),
      env: () => deps.env?.(file.fileId),
      mocks: file.mocks,
    });
    let result: LoadSourceResult;
    if (loaded.ok) {
      const workflows: WorkflowInfo[] = loaded.module.workflows.map((w) => ({ ...w }));
      result = { ok: true, fileId: file.fileId, version: file.version, workflows };
      if (!entry.newest || file.version >= entry.newest.version) {
        entry.newest = { version: file.version, module: loaded.module, bodies: new Map() };
        const at = recency.indexOf(file.fileId);
        if (at >= 0) recency.splice(at, 1);
        recency.push(file.fileId);
      }
    } else {
      const { name, message, line, traceback } = loaded.error;
      result = { ok: false, fileId: file.fileId, version: file.version, error: { name, message, line, traceback } };
    }
    entry.results.set(file.version, result);
    return result;
  }

  function body(fileId: string, workflowName: string): WorkflowBody | undefined {
    const newest = files.get(fileId)?.newest;
    if (!newest) return undefined;
    let wrapped = newest.bodies.get(workflowName);
    if (!wrapped) {
      const raw = newest.module.body(workflowName);
      if (!raw) return undefined;
      wrapped = deps.wrap(raw);
      newest.bodies.set(workflowName, wrapped);
    }
    return wrapped;
  }

  return {
    load,
    body,
    /** True when some version of the file imported successfully. */
    has: (fileId: string) => files.get(fileId)?.newest !== undefined,
    /** The newest version of the file Python accepted. */
    newestVersion: (fileId: string) => files.get(fileId)?.newest?.version,
    /** For instances with no recorded file: the most recently loaded file that defines the workflow. */
    anyBody(workflowName: string): WorkflowBody | undefined {
      for (let i = recency.length - 1; i >= 0; i--) {
        const found = body(recency[i] as string, workflowName);
        if (found) return found;
      }
      return undefined;
    },
    /**
     * An instance of `workflowName` (of `fileId`, or with no file) is resumed: the module that will run it sends
     * its scripted events not yet sent (`WorkflowModule.resumed`).
     */
    resumed(fileId: string | undefined, workflowName: string, journal: () => Promise<readonly JournalEvent[]>) {
      const from = fileId ?? recency.findLast((f) => body(f, workflowName) !== undefined);
      return (from === undefined ? undefined : files.get(from)?.newest?.module.resumed?.(journal)) ?? Promise.resolve();
    },
  };
}

/** The handle `createModuleRegistry` returns. */
export type ModuleRegistry = ReturnType<typeof createModuleRegistry>;
