import { liveQuery } from 'dexie';
import { writeOpenFileCopy } from '../../persistence';
import { appStore, STARTER_FILE_NAME, STARTER_SOURCE } from '../../store';
import { filesRepo, settingsRepo, studioDb } from '../data/studio-db';
import { createFilesController, type FilesController } from './files-controller';

/** Quiet time after the last keystroke before the open file is written to IndexedDB. */
export const AUTOSAVE_MS = 400;

let controller: FilesController | null = null;

/** The page's one files controller (created on first use; it lives as long as the page). */
export function getFilesController(): FilesController {
  controller ??= createFilesController({
    repo: filesRepo,
    settings: settingsRepo,
    store: appStore,
    starter: { name: STARTER_FILE_NAME, source: STARTER_SOURCE },
    autosaveMs: AUTOSAVE_MS,
    now: () => performance.now(),
    setTimer: (cb, ms) => {
      const id = setTimeout(cb, ms);
      return () => clearTimeout(id);
    },
    // Read by the next page start before IndexedDB answers (main.tsx).
    keepCopy: (file) => writeOpenFileCopy(typeof localStorage === 'undefined' ? undefined : localStorage, file),
    // Dexie's live queries see writes of other tabs too (it broadcasts them between tabs of one origin).
    watch: (id, onChange) => {
      const subscription = liveQuery(() => studioDb.files.get(id)).subscribe({ next: onChange, error: () => {} });
      return () => subscription.unsubscribe();
    },
  });
  return controller;
}
