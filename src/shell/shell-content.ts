/**
 * What the app shell shows, decided before any module has run: the open file's copy in localStorage (the files
 * controller writes it: `persistence/open-file-copy.ts`), or on a first visit the starter workflow.
 */
import { readOpenFileCopy } from '../persistence/open-file-copy';

/** localStorage keys start with this; none at all means this browser has never opened the studio here. */
const STUDIO_KEY_PREFIX = 'workflow-studio.';

export interface ShellContent {
  /** The open file's id, `null` for the starter. */
  fileId: string | null;
  text: string;
}

type Store = Pick<Storage, 'getItem' | 'length' | 'key'>;

/** Whether `storage` holds any of the studio's keys (the studio has run here before). */
function studioRanHere(storage: Store): boolean {
  for (let i = 0; i < storage.length; i++) if (storage.key(i)?.startsWith(STUDIO_KEY_PREFIX)) return true;
  return false;
}

/**
 * The copy of the open file; else, when the studio has never run in this browser, the starter (a first visit);
 * else `null`: the studio ran here but left no copy (the file is too large to copy, or storage refused it), so the
 * open file is only in IndexedDB, which cannot be read synchronously: no shell then, the React editor reads it.
 * A storage that throws (disabled) means no shell too.
 */
export function shellContent(storage: Store | undefined, starter: string): ShellContent | null {
  if (!storage) return null;
  try {
    const copy = readOpenFileCopy(storage);
    if (copy) return { fileId: copy.id, text: copy.source };
    return studioRanHere(storage) ? null : { fileId: null, text: starter };
  } catch {
    return null;
  }
}
