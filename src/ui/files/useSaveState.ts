import { useSyncExternalStore } from 'react';
import { getFilesController } from './files';
import type { SaveState } from './files-controller';

/** Whether the open file is loading, saved (and its version), waiting to save, saving, or failed to save. */
export function useSaveState(): SaveState {
  const c = getFilesController();
  return useSyncExternalStore(c.subscribe, c.getSaveState);
}
