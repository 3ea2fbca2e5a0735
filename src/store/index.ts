export { type AppState, appStore, createAppStore, useAppStore } from './app-store';
export type { CommandsSlice } from './commands-slice';
export type { DialogName, DialogsSlice, RunPrefill } from './dialogs-slice';
export { type EditorSlice, type RevealRequest, STARTER_FILE_NAME, STARTER_SOURCE } from './editor-slice';
export type { HistoryScale, HistorySlice, TimeTravel } from './history-slice';
export { ALL_STATUSES, type InstanceFilter, type InstanceSort, type InstancesSlice } from './instances-slice';
export type { LearnSlice, LessonCheckState } from './learn-slice';
export { MAX_NOTICES, type Notice, type NoticesSlice } from './notices-slice';
export type { CallSelection, InspectorTab, Selection, SelectionSlice } from './selection-slice';
export {
  selectActiveFileId,
  selectDialog,
  selectExpandedReplays,
  selectHistoryScale,
  selectHistoryZoom,
  selectInspectorTab,
  selectInstanceFilter,
  selectInstanceSort,
  selectLessonCheck,
  selectLessonId,
  selectMocksOpen,
  selectNotices,
  selectReveal,
  selectRunNowNonce,
  selectRunPrefill,
  selectSelectedInstanceId,
  selectSelectedNodeId,
  selectSelection,
  selectSource,
  selectTravelSeq,
} from './selectors';
