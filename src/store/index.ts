export { type AppState, appStore, useAppStore } from './app-store';
export type { EditorSlice } from './editor-slice';
export type { SelectionSlice } from './selection-slice';
export { selectSelectedInstanceId, selectSource } from './selectors';
