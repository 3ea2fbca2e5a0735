import { createFilesRepo, createSettingsRepo, StudioDB } from '../../persistence';

/**
 * The UI's handle on IndexedDB: the same `StudioDB` schema the executor writes. The UI reads instances and
 * journals (liveQuery) and owns only the files and settings tables.
 */
export const studioDb = new StudioDB();

/** Workflow sources: create, rename, save, delete. */
export const filesRepo = createFilesRepo(studioDb, { now: () => Date.now(), newId: () => crypto.randomUUID() });

/** Small UI settings (last open file, last run params). */
export const settingsRepo = createSettingsRepo(studioDb);
