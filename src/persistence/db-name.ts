/**
 * The names a page reads before Dexie has loaded (`read-open-file.ts`, in the entry chunk): kept apart from
 * `studio-db.ts` so importing them brings no Dexie along.
 */

/** The default database name; tests pass their own so they never share state. */
export const STUDIO_DB_NAME = 'workflow-studio';

/** The `settings` key holding the id of the file open in the editor (written by the UI's files controller). */
export const ACTIVE_FILE_SETTING = 'editor.activeFileId';
