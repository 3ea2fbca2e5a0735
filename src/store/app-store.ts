import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { type CommandsSlice, createCommandsSlice } from './commands-slice';
import { createDialogsSlice, type DialogsSlice } from './dialogs-slice';
import { createEditorSlice, type EditorSlice } from './editor-slice';
import { createHistorySlice, type HistorySlice } from './history-slice';
import { createInstancesSlice, type InstancesSlice } from './instances-slice';
import { createLearnSlice, type LearnSlice } from './learn-slice';
import { createNoticesSlice, type NoticesSlice } from './notices-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';

/** UI-only state. Durable data (files, instances, journals) lives in IndexedDB, never here. */
export type AppState = EditorSlice &
  SelectionSlice &
  InstancesSlice &
  DialogsSlice &
  NoticesSlice &
  CommandsSlice &
  HistorySlice &
  LearnSlice;

/** Builds a fresh store (tests use their own; the app has one, {@link appStore}). */
export const createAppStore = () =>
  createStore<AppState>()((...a) => ({
    ...createEditorSlice(...a),
    ...createSelectionSlice(...a),
    ...createInstancesSlice(...a),
    ...createDialogsSlice(...a),
    ...createNoticesSlice(...a),
    ...createCommandsSlice(...a),
    ...createHistorySlice(...a),
    ...createLearnSlice(...a),
  }));

/** The one store, vanilla so non-React code (tests, handlers) can read and update it. */
export const appStore = createAppStore();

/** React binding: subscribe to one selected value. */
export const useAppStore = <T>(selector: (s: AppState) => T): T => useStore(appStore, selector);
