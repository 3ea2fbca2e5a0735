import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';

/** What the user has selected; the history and inspector panes follow it. */
export interface SelectionSlice {
  selectedInstanceId: string | null;
  selectInstance(id: string | null): void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selectedInstanceId: null,
  selectInstance: (selectedInstanceId) => set({ selectedInstanceId }),
});
