/**
 * The file open in the editor, read straight from IndexedDB without Dexie, so the page's entry chunk can start
 * the read at once: the first render then shows the code, however long the UI bundle and Dexie take to load and
 * open (docs/start-up.md). One read-only transaction over `settings` and `files`; the connection is closed right
 * after, and at once when another connection asks for a version change (an upgrade waits for no one).
 *
 * It never creates the database: on a first visit the open is aborted in its upgrade, so Dexie later creates it
 * with its schema; that case resolves `'first-visit'` (the files controller then shows the starter it is about to
 * seed). Any failure, or a record not shaped like a file, resolves `null`: the files controller then reads
 * through Dexie as before, and says what went wrong if that fails too.
 */
import { ACTIVE_FILE_SETTING, STUDIO_DB_NAME } from './db-name';
import type { WorkflowFile } from './studio-db';

/** Whether `value` has the fields of a stored workflow file the editor needs. */
export function isWorkflowFile(value: unknown): value is WorkflowFile {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Record<string, unknown>;
  return (
    typeof file.id === 'string' &&
    typeof file.name === 'string' &&
    typeof file.source === 'string' &&
    typeof file.version === 'number'
  );
}

/** What the page's entry knows of the open file before Dexie has loaded. */
export type EarlyOpenFile = WorkflowFile | 'first-visit' | null;

/**
 * The open file as stored; `'first-visit'` when there is no database yet; `null` when no open file is
 * remembered, or on any failure.
 */
export function readOpenFile(idb: IDBFactory | undefined, name: string = STUDIO_DB_NAME): Promise<EarlyOpenFile> {
  return new Promise((resolve) => {
    if (!idb) return resolve(null);
    let open: IDBOpenDBRequest;
    try {
      open = idb.open(name);
    } catch {
      return resolve(null);
    }
    // No database yet (a first visit): abort, so none is created here without its schema.
    let firstVisit = false;
    open.onupgradeneeded = () => {
      firstVisit = true;
      open.transaction?.abort();
    };
    open.onerror = (e) => {
      e.preventDefault();
      resolve(firstVisit ? 'first-visit' : null);
    };
    open.onsuccess = () => {
      const db = open.result;
      db.onversionchange = () => db.close();
      let file: WorkflowFile | null = null;
      const done = () => {
        db.close();
        resolve(file);
      };
      try {
        if (!db.objectStoreNames.contains('settings') || !db.objectStoreNames.contains('files')) return done();
        const tx = db.transaction(['settings', 'files'], 'readonly');
        const setting = tx.objectStore('settings').get(ACTIVE_FILE_SETTING);
        setting.onsuccess = () => {
          const id = (setting.result as { value?: unknown } | undefined)?.value;
          if (typeof id !== 'string') return;
          const stored = tx.objectStore('files').get(id);
          stored.onsuccess = () => {
            file = isWorkflowFile(stored.result) ? stored.result : null;
          };
        };
        tx.oncomplete = done;
        tx.onabort = () => {
          file = null;
          done();
        };
      } catch {
        file = null;
        done();
      }
    };
  });
}
