import { useLiveQuery } from 'dexie-react-hooks';
import type { InstanceSummary } from '../../engine';
import { studioDb } from '../data/studio-db';

/** Every instance's summary row, live from IndexedDB; undefined while the first read is in flight. */
export function useInstanceSummaries(): InstanceSummary[] | undefined {
  return useLiveQuery(() => studioDb.instances.toArray(), []);
}
