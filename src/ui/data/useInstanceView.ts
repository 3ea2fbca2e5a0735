import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { type InstanceView, reduceJournal } from '../../engine';
import { studioDb } from './studio-db';

/** What the panes know about the selected instance's journal. */
export type InstanceViewState =
  | { status: 'none' }
  | { status: 'loading'; id: string }
  | { status: 'missing'; id: string }
  | { status: 'ready'; view: InstanceView };

const readJournal = (id: string) =>
  studioDb.journal.where('[instanceId+seq]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray();

/**
 * The instance's view, derived with `reduceJournal` from its journal in IndexedDB and re-derived whenever the
 * executor appends to it (Dexie liveQuery).
 */
export function useInstanceView(id: string | null): InstanceViewState {
  const events = useLiveQuery(async () => (id === null ? null : await readJournal(id)), [id]);
  return useMemo((): InstanceViewState => {
    if (id === null) return { status: 'none' };
    if (events === undefined) return { status: 'loading', id };
    if (events === null || events.length === 0) return { status: 'missing', id };
    return { status: 'ready', view: reduceJournal(events) };
  }, [id, events]);
}
