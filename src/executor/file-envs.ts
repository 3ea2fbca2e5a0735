/**
 * Each studio file's `self.env` bindings in the executor: the declaration is read from the file's record
 * (`WorkflowFile.env`) before the file's instances are created or resumed and before a browse call, and its
 * bindings keep their contents in IndexedDB (one space per file and binding). Modules read the current
 * bindings at each `self.env.NAME`, so a changed declaration needs no re-import.
 */
import type { SqlJsStatic } from 'sql.js';
import { type BindingStore, parseEnvDeclaration, WorkflowError } from '../engine';
import type { StudioDB } from '../persistence';
import { createEnvBindings, type EnvBindings } from '../runtime';

export interface FileEnvsDeps {
  db: StudioDB;
  store: BindingStore;
  sql: () => Promise<SqlJsStatic>;
  now: () => number;
}

export interface FileEnvs {
  /** The file's bindings as last read (none before the first {@link FileEnvs.refresh}). */
  get(fileId: string): EnvBindings | undefined;
  /** Re-reads the file's declaration; a declaration that does not parse is a `WorkflowError` naming the field. */
  refresh(fileId: string): Promise<EnvBindings | undefined>;
  /** Runs a binding method for the browse view (not journaled). */
  call(fileId: string, name: string, op: string, args: unknown[]): Promise<unknown>;
}

export function createFileEnvs(deps: FileEnvsDeps): FileEnvs {
  const cached = new Map<string, { text: string; bindings: EnvBindings }>();
  const envs: FileEnvs = {
    get: (fileId) => cached.get(fileId)?.bindings,
    async refresh(fileId) {
      const file = await deps.db.files.get(fileId);
      const text = file?.env ?? '';
      const known = cached.get(fileId);
      if (known && known.text === text) return known.bindings;
      if (text.trim() === '') {
        cached.delete(fileId);
        return undefined;
      }
      const parsed = parseEnvDeclaration(text);
      if (!parsed.ok) {
        throw new WorkflowError(
          `The env of ${file?.name ?? fileId} is not valid: ${parsed.message}. Fix it in Env & bindings.`,
        );
      }
      const bindings = createEnvBindings({
        env: parsed.env,
        store: deps.store,
        scope: fileId,
        sql: deps.sql,
        now: deps.now,
      });
      cached.set(fileId, { text, bindings });
      return bindings;
    },
    async call(fileId, name, op, args) {
      const bindings = await envs.refresh(fileId);
      if (!bindings) throw new WorkflowError('This file declares no bindings: declare them in Env & bindings first.');
      return bindings.call(name, op, args);
    },
  };
  return envs;
}
