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
  | 'import-journal';

/** Which dialog is open. */
export interface DialogsSlice {
  dialog: DialogName | null;
  openDialog(dialog: DialogName): void;
  closeDialog(): void;
}

export const createDialogsSlice: StateCreator<AppState, [], [], DialogsSlice> = (set) => ({
  dialog: null,
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
});
