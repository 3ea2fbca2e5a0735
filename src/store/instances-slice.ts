import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';

/** The instance list's filter: a status, a workflow (or every one) and a search text matched against ids. */
export interface InstanceFilter {
  status: string;
  workflow: string;
  search: string;
}

/** What the instance list is ordered by; `desc` puts the newest, last status or longest first. */
export interface InstanceSort {
  key: 'started' | 'status' | 'duration';
  desc: boolean;
}

/** The instance list's view settings. */
export interface InstancesSlice {
  instanceFilter: InstanceFilter;
  instanceSort: InstanceSort;
  setInstanceFilter(patch: Partial<InstanceFilter>): void;
  /** Sorts by `key`; the same key again flips the direction. */
  sortInstancesBy(key: InstanceSort['key']): void;
}

/** `status: 'all'` (and `workflow: 'all'`) shows every instance. */
export const ALL_STATUSES = 'all';

export const createInstancesSlice: StateCreator<AppState, [], [], InstancesSlice> = (set) => ({
  instanceFilter: { status: ALL_STATUSES, workflow: ALL_STATUSES, search: '' },
  instanceSort: { key: 'started', desc: true },
  setInstanceFilter: (patch) => set((s) => ({ instanceFilter: { ...s.instanceFilter, ...patch } })),
  sortInstancesBy: (key) =>
    set((s) => ({
      instanceSort: { key, desc: s.instanceSort.key === key ? !s.instanceSort.desc : key !== 'status' },
    })),
});
