import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';

/** The instance list's filter: a status (or every status) and a search text matched against ids. */
export interface InstanceFilter {
  status: string;
  search: string;
}

/** The instance list's view settings. */
export interface InstancesSlice {
  instanceFilter: InstanceFilter;
  setInstanceFilter(patch: Partial<InstanceFilter>): void;
}

/** `status: 'all'` shows every instance. */
export const ALL_STATUSES = 'all';

export const createInstancesSlice: StateCreator<AppState, [], [], InstancesSlice> = (set) => ({
  instanceFilter: { status: ALL_STATUSES, search: '' },
  setInstanceFilter: (patch) => set((s) => ({ instanceFilter: { ...s.instanceFilter, ...patch } })),
});
