/** The last Run dialog input per file, kept in the settings table so Ctrl/Cmd+Enter can repeat it. */
import { settingsRepo } from '../data/studio-db';

/** What the Run dialog remembers for a file. */
export interface LastRun {
  params: string;
  id: string;
  workflowName: string | null;
}

/** An empty Run dialog: no params, generated id, first workflow. */
export const EMPTY_RUN: LastRun = { params: '{}', id: '', workflowName: null };

const key = (fileId: string) => `run.last.${fileId}`;

/** The remembered Run input of a file (or the empty one). */
export const loadLastRun = (fileId: string): Promise<LastRun> => settingsRepo.get(key(fileId), EMPTY_RUN);

/** Remembers the Run input of a file. */
export const saveLastRun = (fileId: string, run: LastRun): Promise<void> => settingsRepo.set(key(fileId), run);
