/**
 * A copy of the file open in the editor in the page's `localStorage`, beside its record in IndexedDB: read
 * synchronously by the page's entry, so the first render shows the code and takes typing at once. On a warm
 * start IndexedDB answers slowly (its first open of a session, shared with the executor worker's boot: 0.5–1 s
 * on the bench machine under load), localStorage at once (docs/start-up.md).
 *
 * The copy is a saved version (id, name, text, version), never unsaved text: it is written when a file is opened
 * and after each save of that file. Showing it is therefore like a tab that opened the file a moment ago: the
 * files controller then watches the stored record, shows a newer version when nothing was typed, and a save
 * against a newer stored version becomes a conflict, as between two tabs. It holds no mocks or env (those may
 * hold secrets and are read from IndexedDB when used). Any failure (no localStorage, quota, a malformed copy)
 * means no copy: the page then reads IndexedDB (`read-open-file.ts`).
 */
import { isWorkflowFile } from './read-open-file';
import type { WorkflowFile } from './studio-db';

/** The `localStorage` key of the copy. */
export const OPEN_FILE_COPY_KEY = 'workflow-studio.open-file';

/** Larger sources are not copied (localStorage holds ~5 MB an origin, written synchronously). */
export const OPEN_FILE_COPY_MAX_CHARS = 256 * 1024;

/** What is copied: the fields the editor shows and a save checks. */
export type OpenFileCopy = Pick<WorkflowFile, 'id' | 'name' | 'source' | 'version' | 'createdAt' | 'updatedAt'>;

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function isCopy(value: unknown): value is OpenFileCopy {
  if (!isWorkflowFile(value)) return false;
  const v = value as unknown as Record<string, unknown>;
  return typeof v.createdAt === 'number' && typeof v.updatedAt === 'number';
}

/** The copy, or `null` when there is none or it cannot be read. */
export function readOpenFileCopy(storage: Pick<Storage, 'getItem'> | undefined): OpenFileCopy | null {
  try {
    const text = storage?.getItem(OPEN_FILE_COPY_KEY);
    if (!text) return null;
    const value: unknown = JSON.parse(text);
    return isCopy(value) ? value : null;
  } catch {
    return null;
  }
}

/** Replaces the copy with `file` (`null`, or a source too large to copy: removes it). Never throws. */
export function writeOpenFileCopy(storage: Store | undefined, file: OpenFileCopy | null): void {
  try {
    if (!file || file.source.length > OPEN_FILE_COPY_MAX_CHARS) {
      storage?.removeItem(OPEN_FILE_COPY_KEY);
      return;
    }
    const { id, name, source, version, createdAt, updatedAt } = file;
    storage?.setItem(OPEN_FILE_COPY_KEY, JSON.stringify({ id, name, source, version, createdAt, updatedAt }));
  } catch {
    // Quota or a disabled storage: drop a copy that may now be stale, so it is never shown.
    try {
      storage?.removeItem(OPEN_FILE_COPY_KEY);
    } catch {
      // nothing more to do: the page reads IndexedDB instead
    }
  }
}
