import { useLiveQuery } from 'dexie-react-hooks';
import { studioDb } from '../data/studio-db';

/**
 * Which studio file instance `id` runs, live: `linked` with the file, `deleted` when its file was deleted, `none`
 * when it has no file (an imported journal whose source was not opened on import), or `loading`.
 */
export type InstanceFile =
  | { status: 'loading' }
  | { status: 'none' }
  | { status: 'deleted'; fileId: string }
  | { status: 'linked'; fileId: string; name: string };

export function useInstanceFile(id: string | null): InstanceFile {
  const found = useLiveQuery(async (): Promise<InstanceFile> => {
    if (id === null) return { status: 'none' };
    const row = await studioDb.instanceFiles.get(id);
    if (!row) return { status: 'none' };
    const file = await studioDb.files.get(row.fileId);
    return file ? { status: 'linked', fileId: file.id, name: file.name } : { status: 'deleted', fileId: row.fileId };
  }, [id]);
  return found ?? { status: 'loading' };
}
