import type { AppState } from './app-store';

/** The editor's source text. */
export const selectSource = (s: AppState) => s.source;
/** Id of the open file, or null before the files have loaded. */
export const selectActiveFileId = (s: AppState) => s.activeFileId;
/** The lesson the Learn panel shows, or null when it is closed. */
export const selectLessonId = (s: AppState) => s.lessonId;
/** The Learn panel's last Check, or null. */
export const selectLessonCheck = (s: AppState) => s.lessonCheck;
/** The editor's pending scroll-to request. */
export const selectReveal = (s: AppState) => s.reveal;
export const selectMocksOpen = (s: AppState) => s.mocksOpen;
/** The selected instance id, or null. */
export const selectSelectedInstanceId = (s: AppState) => s.selectedInstanceId;
/** The selected node, call or event, or null. */
export const selectSelection = (s: AppState) => s.selection;
/** The selected plan node's id, or null when no node is selected. */
export const selectSelectedNodeId = (s: AppState) => (s.selection?.type === 'node' ? s.selection.nodeId : null);
/** The instance list's status and search filter. */
export const selectInstanceFilter = (s: AppState) => s.instanceFilter;
/** The open dialog, or null. */
export const selectDialog = (s: AppState) => s.dialog;
/** The notices on screen, oldest first. */
export const selectNotices = (s: AppState) => s.notices;
/** Bumped by every Ctrl/Cmd+Enter "run now" request. */
export const selectRunNowNonce = (s: AppState) => s.runNowNonce;
const NONE: readonly number[] = [];

/** The journal seq the selected instance is shown at (time travel), or null when it is shown live. */
export const selectTravelSeq = (s: AppState) =>
  s.travel !== null && s.travel.instanceId === s.selectedInstanceId ? s.travel.seq : null;
/** Runs of the selected instance whose replayed calls the history lists one by one. */
export const selectExpandedReplays = (s: AppState) =>
  s.expandedReplays !== null && s.expandedReplays.instanceId === s.selectedInstanceId ? s.expandedReplays.runs : NONE;
/** The zoom of the selected instance's history time axis: 1 (fits all) unless it was zoomed. */
export const selectHistoryZoom = (s: AppState) =>
  s.historyZoom !== null && s.historyZoom.instanceId === s.selectedInstanceId ? s.historyZoom.zoom : 1;
/** How the history's time axis is drawn (every instance). */
export const selectHistoryScale = (s: AppState) => s.historyScale;
/** Whether the inspector shows the instance summary or the selected step, call or event. */
export const selectInspectorTab = (s: AppState) => s.inspectorTab;
/** The instance workflow and params "Run again…" opened the Run dialog with, or null. */
export const selectRunPrefill = (s: AppState) => s.runPrefill;
/** The instance list's order. */
export const selectInstanceSort = (s: AppState) => s.instanceSort;
