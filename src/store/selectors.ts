import type { AppState } from './app-store';

/** The editor's source text. */
export const selectSource = (s: AppState) => s.source;
/** The selected instance id, or null. */
export const selectSelectedInstanceId = (s: AppState) => s.selectedInstanceId;
