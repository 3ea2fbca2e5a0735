import type { Engine, WorkflowBinding } from '../engine';
import type { StudioDB } from '../persistence';

interface FileBindingDeps {
  /** The executor's engine (created after the module registry that hands these bindings to Python). */
  engine(): Engine;
  /** Durable instance → file, extended here as instances are created. */
  instanceFiles: Map<string, string>;
  newId(): string;
  db: StudioDB;
}

/**
 * Bindings whose `create`/`createBatch` attribute new instances to a file: the executor's create commands and
 * `self.env.X` in Python. A new instance's file travels with its create as `meta.fileId`.
 */
export function createFileBindings(deps: FileBindingDeps): (fileId: string, workflowName: string) => WorkflowBinding {
  /** Runs an engine create whose instances come from `fileId`, and records their file once they exist. */
  async function createFor<T>(fileId: string, ids: string[], start: () => Promise<T>): Promise<T> {
    try {
      const result = await start();
      for (const id of ids) deps.instanceFiles.set(id, fileId);
      return result;
    } catch (error) {
      // A batch may fail after some instances were journaled (e.g. storage full): keep the files of those.
      for (const id of ids) if (await deps.db.instanceFiles.get(id)) deps.instanceFiles.set(id, fileId);
      throw error;
    }
  }

  return (fileId, workflowName) => {
    const inner = () => deps.engine().binding(workflowName);
    return {
      create: (opts) => {
        const id = opts?.id ?? deps.newId();
        const meta = { fileId };
        return createFor(fileId, typeof id === 'string' ? [id] : [], () => inner().create({ ...opts, id, meta }));
      },
      createBatch: (list) => {
        if (!Array.isArray(list)) return inner().createBatch(list);
        const withIds = list.map((opts) => ({ ...opts, id: opts?.id ?? deps.newId(), meta: { fileId } }));
        const ids = withIds.map((o) => o.id).filter((id): id is string => typeof id === 'string');
        return createFor(fileId, ids, () => inner().createBatch(withIds));
      },
      get: (id) => inner().get(id),
    };
  };
}
