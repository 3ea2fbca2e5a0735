import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createEditorSlice, type EditorSlice } from './editor-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';

/** UI-only state. Durable data (instances, journals) lives in IndexedDB, never here. */
export type AppState = EditorSlice & SelectionSlice;

/** The one store, vanilla so non-React code (tests, handlers) can read and update it. */
export const appStore = createStore<AppState>()((...a) => ({
  ...createEditorSlice(...a),
  ...createSelectionSlice(...a),
}));

/** React binding: subscribe to one selected value. */
export const useAppStore = <T>(selector: (s: AppState) => T): T => useStore(appStore, selector);
