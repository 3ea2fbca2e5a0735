import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';

/** Every modal dialog of the studio. Only one is open at a time. */
export type DialogName =
  | 'run'
  | 'send-event'
  | 'samples'
  | 'help'
  | 'new-file'
  | 'rename-file'
  | 'delete-file'
  | 'restart-from'
  | 'delete-instances'
  | 'import-journal'
  | 'cloudflare-replays'
  | 'lesson-solution'
  | 'env';

/** What "Run again…" prefills the Run dialog with: an instance's workflow and params (JSON text). */
export interface RunPrefill {
  instanceId: string;
  workflowName: string;
  params: string;
}

/** Which dialog is open. */
export interface DialogsSlice {
  dialog: DialogName | null;
  /** Set while the Run dialog was opened by "Run again…"; cleared when any dialog closes or opens. */
  runPrefill: RunPrefill | null;
  openDialog(dialog: DialogName): void;
  /** Opens the Run dialog with an instance's workflow and params instead of the file's last Run input. */
  openRunAgain(prefill: RunPrefill): void;
  closeDialog(): void;
}

export const createDialogsSlice: StateCreator<AppState, [], [], DialogsSlice> = (set) => ({
  dialog: null,
  runPrefill: null,
  openDialog: (dialog) => set({ dialog, runPrefill: null }),
  openRunAgain: (runPrefill) => set({ dialog: 'run', runPrefill }),
  closeDialog: () => set({ dialog: null, runPrefill: null }),
});
