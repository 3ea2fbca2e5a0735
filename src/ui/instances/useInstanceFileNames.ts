import { useLiveQuery } from 'dexie-react-hooks';
import { studioDb } from '../data/studio-db';

const NONE: ReadonlyMap<string, string> = new Map();

/**
 * The studio file each instance ran, by instance id → file name, live (the executor links an instance to its
 * file when it creates it; a rename shows at once). Instances without a file, or whose file was deleted, are
 * absent.
 */
export function useInstanceFileNames(): ReadonlyMap<string, string> {
  return (
    useLiveQuery(async () => {
      const [links, files] = await Promise.all([studioDb.instanceFiles.toArray(), studioDb.files.toArray()]);
      const names = new Map(files.map((f) => [f.id, f.name]));
      const out = new Map<string, string>();
      for (const l of links) {
        const name = names.get(l.fileId);
        if (name !== undefined) out.set(l.instanceId, name);
      }
      return out;
    }, []) ?? NONE
  );
}
