import { useLiveQuery } from 'dexie-react-hooks';
import type { WorkflowFile } from '../../persistence';
import { studioDb } from '../data/studio-db';

/** Every workflow file, by name, live; undefined while the first read is in flight. */
export function useFiles(): WorkflowFile[] | undefined {
  return useLiveQuery(() => studioDb.files.orderBy('name').toArray(), []);
}
