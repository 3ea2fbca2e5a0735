import { guardQuota } from './storage-errors';
import type { StudioDB, WorkflowFile } from './studio-db';

/** A file name the studio refuses, with the reason a user reads. */
export class FileNameError extends Error {
  override name = 'FileNameError';
}

/**
 * A save against a version that is no longer the stored one (another tab saved the file in between) with a
 * different text: nothing was written. `stored` is the file as it is now, so both texts can be shown.
 */
export class FileConflictError extends Error {
  override name = 'FileConflictError';
  constructor(readonly stored: WorkflowFile) {
    super(`"${stored.name}" was changed in another tab (now version ${stored.version}); nothing was saved.`);
  }
}

const FILE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,62}\.py$/;

/** Checks a workflow file name; returns the reason it is refused, or null when it is fine. */
export function fileNameProblem(name: string, taken: readonly string[]): string | null {
  if (name.trim() === '') return 'A file name is required.';
  if (!name.endsWith('.py')) return `"${name}" must end in .py.`;
  if (!FILE_NAME.test(name))
    return `"${name}" may use letters, digits, "_", "-" and "." only, start with a letter or "_", and be at most 64 characters.`;
  if (taken.includes(name)) return `A file named "${name}" already exists.`;
  return null;
}

/** Workflow sources in IndexedDB: create, rename, save (bumps the version), delete, list. */
export function createFilesRepo(db: StudioDB, deps: { now(): number; newId(): string }) {
  const names = async (exceptId?: string) =>
    (await db.files.toArray()).filter((f) => f.id !== exceptId).map((f) => f.name);

  return {
    list(): Promise<WorkflowFile[]> {
      return db.files.orderBy('name').toArray();
    },
    get(id: string): Promise<WorkflowFile | undefined> {
      return db.files.get(id);
    },
    /** Creates `name`; the name check and the write are one transaction, so two creates never both get it. */
    async create(name: string, source: string): Promise<WorkflowFile> {
      const now = deps.now();
      const file: WorkflowFile = { id: deps.newId(), name, source, version: 1, createdAt: now, updatedAt: now };
      await guardQuota(`the file "${name}"`, () =>
        db.transaction('rw', db.files, async () => {
          const problem = fileNameProblem(name, await names());
          if (problem) throw new FileNameError(problem);
          await db.files.add(file);
        }),
      );
      return file;
    },
    async rename(id: string, name: string): Promise<void> {
      const problem = fileNameProblem(name, await names(id));
      if (problem) throw new FileNameError(problem);
      await db.files.update(id, { name, updatedAt: deps.now() });
    },
    /**
     * Saves new source text; an unchanged text keeps the version, so instances don't see a phantom edit. With
     * `baseVersion` (the version the text was edited from), a file stored since at another version with another
     * text is not overwritten: `FileConflictError` carries it.
     */
    async save(id: string, source: string, baseVersion?: number): Promise<WorkflowFile> {
      return guardQuota('your latest edit', () =>
        db.transaction('rw', db.files, async () => {
          const file = await db.files.get(id);
          if (!file) throw new FileNameError(`The file you are editing (id ${id}) was deleted in another tab.`);
          if (file.source === source) return file;
          if (baseVersion !== undefined && file.version !== baseVersion) throw new FileConflictError(file);
          const next = { ...file, source, version: file.version + 1, updatedAt: deps.now() };
          await db.files.put(next);
          return next;
        }),
      );
    },
    /**
     * Saves the file's mocks text (docs/mocks.md) as typed, checked or not: the source and its version stay, so
     * instances see no code change; the executor gets the checked mocks with the next load. '' removes them.
     */
    async saveMocks(id: string, mocks: string): Promise<void> {
      await guardQuota('your mocks', () =>
        db.transaction('rw', db.files, async () => {
          const file = await db.files.get(id);
          if (!file) throw new FileNameError(`The file of these mocks (id ${id}) was deleted in another tab.`);
          if ((file.mocks ?? '') === mocks) return;
          const { mocks: _old, ...rest } = file;
          await db.files.put(mocks === '' ? rest : { ...rest, mocks });
        }),
      );
    },
    delete(id: string): Promise<void> {
      return db.files.delete(id);
    },
    /** Saves the file's env declaration text (empty text removes it); the source's version does not change. */
    async saveEnv(id: string, env: string): Promise<void> {
      await guardQuota('the env declaration', async () => {
        const changed = await db.files.update(id, env.trim() === '' ? { env: undefined } : { env });
        if (changed === 0) throw new FileNameError(`The file you are editing (id ${id}) was deleted in another tab.`);
      });
    },
  };
}

/** The handle `createFilesRepo` returns. */
export type FilesRepo = ReturnType<typeof createFilesRepo>;
