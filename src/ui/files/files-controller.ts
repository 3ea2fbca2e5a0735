/**
 * Keeps the editor's open file and IndexedDB in step: loads the files on start (seeding the starter workflow on
 * a first visit, once however often `load()` is called — React runs effects twice in development), reopens the
 * last file, autosaves typing after a pause, and creates, renames, deletes and switches files. Two tabs never
 * lose an edit silently: a save names the version it was edited from, a save against a newer stored version
 * becomes a `conflict` with both texts until the user picks (`resolveConflict`), and a tab with no unsaved
 * changes shows another tab's saved text live. Framework-free; `useFilesController` wires it to React.
 */
import type { StoreApi } from 'zustand/vanilla';
import {
  ACTIVE_FILE_SETTING,
  type EarlyOpenFile,
  FileConflictError,
  FileNameError,
  type FilesRepo,
  type SettingsRepo,
  type WorkflowFile,
} from '../../persistence';
import type { AppState } from '../../store';
import { newFileName, uniqueFileName } from './file-names';

/** What the editor title shows about saving. */
export type SaveState =
  /** `starter`: a first visit; the starter shows and takes typing while it is being created (its edits are kept). */
  | { status: 'loading'; since: number; starter?: true }
  | { status: 'saved'; version: number }
  | { status: 'pending' }
  | { status: 'saving' }
  | { status: 'failed'; error: { name: string; message: string } }
  /** `draft`: what was typed into a first visit's starter before the load failed (kept to copy; never saved). */
  | { status: 'load-failed'; error: { name: string; message: string }; draft?: string }
  /** Another tab saved the file while this one had unsaved edits: nothing is saved until the user picks. */
  | { status: 'conflict'; mine: string; theirs: { source: string; version: number } };

/** Dependencies of {@link createFilesController}. */
export interface FilesControllerDeps {
  repo: FilesRepo;
  settings: SettingsRepo;
  store: StoreApi<AppState>;
  starter: { name: string; source: string };
  /** Quiet time after the last keystroke before the file is written. */
  autosaveMs: number;
  now(): number;
  setTimer(cb: () => void, ms: number): () => void;
  /**
   * Keeps a copy of the open file as last saved (or `null`: none open) where the next page start reads it at
   * once (`open-file-copy.ts`); called whenever the open file's saved record changes.
   */
  keepCopy?(file: WorkflowFile | null): void;
  /** Calls `onChange` with the stored file whenever it changes (in any tab); returns the unsubscribe. */
  watch(id: string, onChange: (file: WorkflowFile | undefined) => void): () => void;
}

/** The handle: file operations plus the save state as an external store (fits `useSyncExternalStore`). */
export interface FilesController {
  /**
   * Loads the files and opens the last open one, once however often it is called. `early`, when given, is that
   * file as the page's entry found it before Dexie had loaded (`readOpenFileCopy`, else `readOpenFile`): shown
   * at once if it resolves to a file that still exists, without reading the list; on `'first-visit'` the
   * starter shows (save state `loading` with `starter`) and takes typing while it is being created, and what was
   * typed is kept and saved; on `null` (or a rejection) the files are read as usual.
   */
  load(early?: Promise<EarlyOpenFile>): Promise<void>;
  open(id: string): Promise<void>;
  /** Creates a file with a free name based on `wanted` (never overwrites) and opens it. */
  create(wanted: string | null, source: string): Promise<WorkflowFile>;
  /** Creates exactly `name`; throws `FileNameError` with the reason when the name is refused. */
  createNamed(name: string, source: string): Promise<WorkflowFile>;
  rename(id: string, name: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** Writes pending edits now; resolves with the open file as saved (its version is what Run loads). */
  flush(): Promise<WorkflowFile | undefined>;
  /** Ends a conflict: keep the other tab's text (`'theirs'`), or save `text` (mine, or a merge) over it. */
  resolveConflict(choice: 'theirs' | { text: string }): Promise<void>;
  getSaveState(): SaveState;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

/** The setting that remembers the open file across reloads (read before Dexie loads: `readOpenFile`). */
export { ACTIVE_FILE_SETTING };

const toError = (e: unknown) =>
  e instanceof Error ? { name: e.name, message: e.message } : { name: 'Error', message: String(e) };

export function createFilesController(deps: FilesControllerDeps): FilesController {
  const { repo, settings, store } = deps;
  const listeners = new Set<() => void>();
  let saveState: SaveState = { status: 'loading', since: deps.now() };
  /** The text last written to (or read from) IndexedDB for the open file. */
  let persisted: { id: string; source: string; file: WorkflowFile } | null = null;
  let cancelTimer: (() => void) | null = null;
  let saving: Promise<WorkflowFile | undefined> = Promise.resolve(undefined);
  let disposed = false;
  let loading: Promise<void> | null = null;
  /** Creates one after another, so each picks its free name after the previous one was written. */
  let creating: Promise<unknown> = Promise.resolve();
  let unwatch: (() => void) | null = null;

  /** The open file's saved record and text (`null`: none open), copied for the next start (`keepCopy`). */
  const setPersisted = (file: WorkflowFile | null, source = file?.source ?? '') => {
    persisted = file && { id: file.id, source, file };
    deps.keepCopy?.(file);
  };

  const setSaveState = (next: SaveState) => {
    saveState = next;
    for (const l of listeners) l();
  };

  /** Another tab's save of the open file: shown at once when this tab has nothing unsaved. */
  const onStored = (file: WorkflowFile | undefined) => {
    if (disposed || !file || file.id !== persisted?.id || file.version < persisted.file.version) return;
    // The same version: the full record (mocks, env; shown first from a copy without them, or saved since).
    if (file.version === persisted.file.version) {
      persisted = { ...persisted, file };
      return;
    }
    if (saveState.status === 'conflict') {
      setSaveState({ ...saveState, theirs: { source: file.source, version: file.version } });
      return;
    }
    const unsaved = store.getState().source !== persisted.source || cancelTimer !== null;
    if (unsaved || saveState.status !== 'saved') return; // the next save finds the newer version: a conflict
    setPersisted(file);
    store.getState().openFile(file.id, file.source);
    setSaveState({ status: 'saved', version: file.version });
  };

  /**
   * Opens `file` in the editor and watches it; `remembered`: it is the open file already, nothing to write.
   * After a first visit's starter was shown before it existed, what was typed into it stays and is saved.
   */
  const show = async (file: WorkflowFile, remembered = false) => {
    if (persisted?.id !== file.id) {
      unwatch?.();
      unwatch = deps.watch(file.id, onStored);
    }
    const drafted = saveState.status === 'loading' && saveState.starter === true ? store.getState().source : null;
    setPersisted(file);
    store.getState().openFile(file.id, drafted ?? file.source);
    if (drafted !== null && drafted !== file.source) saveSoon();
    else setSaveState({ status: 'saved', version: file.version });
    if (!remembered) await settings.set(ACTIVE_FILE_SETTING, file.id);
  };

  const writeNow = (): Promise<WorkflowFile | undefined> => {
    cancelTimer?.();
    cancelTimer = null;
    saving = saving
      .catch(() => undefined)
      .then(async () => {
        const { activeFileId, source } = store.getState();
        if (!persisted || activeFileId !== persisted.id) return persisted?.file;
        if (source === persisted.source || saveState.status === 'conflict') return persisted.file;
        setSaveState({ status: 'saving' });
        try {
          const file = await repo.save(persisted.id, source, persisted.file.version);
          setPersisted(file, source);
          const stillCurrent = store.getState().source === source;
          setSaveState(stillCurrent ? { status: 'saved', version: file.version } : { status: 'pending' });
          return file;
        } catch (e) {
          if (e instanceof FileConflictError) {
            const { stored } = e;
            setSaveState({
              status: 'conflict',
              mine: store.getState().source,
              theirs: { source: stored.source, version: stored.version },
            });
            return persisted.file;
          }
          setSaveState({ status: 'failed', error: toError(e) });
          throw e;
        }
      });
    return saving;
  };

  /** Unsaved text in the editor: saved `autosaveMs` after the last change (the timer restarts on each). */
  function saveSoon() {
    setSaveState({ status: 'pending' });
    cancelTimer?.();
    cancelTimer = deps.setTimer(() => void writeNow().catch(() => {}), deps.autosaveMs);
  }

  const unsubscribe = store.subscribe((state, prev) => {
    if (disposed || state.source === prev.source || !persisted || saveState.status === 'conflict') return;
    if (state.activeFileId !== persisted.id || state.source === persisted.source) return;
    saveSoon();
  });

  const takenNames = async () => (await repo.list()).map((f) => f.name);

  /**
   * Keys typed into an early copy of a file another tab deleted meanwhile: saved as a new file
   * "<name>_recovered.py" (file names take no spaces or brackets; returned, to be opened) with a notice saying so; `undefined` when nothing was typed.
   */
  const recoverTyped = async (gone: WorkflowFile, files: readonly WorkflowFile[]) => {
    cancelTimer?.(); // its autosave would write to the deleted record
    cancelTimer = null;
    const { activeFileId, source } = store.getState();
    if (activeFileId !== gone.id || source === gone.source) return undefined;
    const wanted = `${gone.name.replace(/\.py$/, '').slice(0, 40)}_recovered.py`;
    const file = await repo.create(
      uniqueFileName(
        wanted,
        files.map((f) => f.name),
      ),
      source,
    );
    store.getState().notify({
      tone: 'warning',
      title: `${gone.name} was deleted in another tab`,
      detail: `What you typed into it is kept as ${file.name}.`,
    });
    return file;
  };

  return {
    load(early) {
      loading ??= (async () => {
        try {
          const first = await early?.catch(() => null);
          /** The early copy's file when it was deleted since in another tab (what was typed into it is kept). */
          let gone: WorkflowFile | null = null;
          const { activeFileId, source } = store.getState();
          if (first === 'first-visit' && activeFileId === null && source === deps.starter.source) {
            setSaveState({
              status: 'loading',
              since: saveState.status === 'loading' ? saveState.since : deps.now(),
              starter: true,
            });
          } else if (first && first !== 'first-visit') {
            await show(first, true);
            // An early copy may name a file deleted since in another tab: then open another, as without it.
            if (await repo.get(first.id)) return;
            gone = first;
          }
          // Both reads at once: each is a round trip through IndexedDB while the page starts.
          const [listed, lastId] = await Promise.all([
            repo.list(),
            settings.get<string | null>(ACTIVE_FILE_SETTING, null),
          ]);
          let files = listed;
          if (files.length === 0) {
            // Another tab opened at the same moment may have seeded it first: then its starter is ours too.
            await repo.create(deps.starter.name, deps.starter.source).catch((e: unknown) => {
              if (!(e instanceof FileNameError)) throw e;
            });
            files = await repo.list();
          }
          let file = files.find((f) => f.id === lastId) ?? files[0];
          if (gone) file = (await recoverTyped(gone, files)) ?? file;
          if (file) await show(file);
        } catch (e) {
          const typed = store.getState().source;
          const draft = saveState.status === 'loading' && saveState.starter && typed !== deps.starter.source;
          setSaveState({ status: 'load-failed', error: toError(e), ...(draft ? { draft: typed } : {}) });
        }
      })();
      return loading;
    },
    async open(id) {
      if (persisted?.id === id) return;
      await writeNow();
      const file = await repo.get(id);
      if (file) await show(file);
    },
    create(wanted, source) {
      const created = creating.then(async () => {
        const taken = await takenNames();
        const name = wanted === null ? newFileName(taken) : uniqueFileName(wanted, taken);
        return this.createNamed(name, source);
      });
      creating = created.catch(() => undefined);
      return created;
    },
    async createNamed(name, source) {
      await writeNow();
      const file = await repo.create(name, source);
      await show(file);
      return file;
    },
    async rename(id, name) {
      await repo.rename(id, name);
      if (persisted?.id === id) {
        const file = await repo.get(id);
        if (file) setPersisted(file, persisted.source);
      }
    },
    async remove(id) {
      if (persisted?.id === id) {
        cancelTimer?.();
        cancelTimer = null;
        setPersisted(null);
      }
      await repo.delete(id);
      if (store.getState().activeFileId !== id) return;
      const rest = await repo.list();
      const next = rest[0] ?? (await repo.create(deps.starter.name, deps.starter.source));
      await show(next);
    },
    flush: writeNow,
    async resolveConflict(choice) {
      if (saveState.status !== 'conflict' || !persisted) return;
      const { theirs } = saveState;
      const stored = { ...persisted.file, source: theirs.source, version: theirs.version };
      setPersisted(stored);
      const text = choice === 'theirs' ? theirs.source : choice.text;
      setSaveState({ status: 'saved', version: stored.version });
      store.getState().openFile(stored.id, text);
      if (text !== stored.source) await writeNow();
    },
    getSaveState: () => saveState,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      cancelTimer?.();
      unwatch?.();
      unsubscribe();
      listeners.clear();
    },
  };
}
