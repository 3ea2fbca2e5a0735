import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';

/**
 * Commands raised where the means to carry them out are not at hand (a Monaco keybinding, a shortcut): the
 * component that owns the executor client watches the nonce and runs them.
 */
export interface CommandsSlice {
  /** Bumped by every "run now with the last params" request (Ctrl/Cmd+Enter). */
  runNowNonce: number;
  requestRunNow(): void;
}

export const createCommandsSlice: StateCreator<AppState, [], [], CommandsSlice> = (set) => ({
  runNowNonce: 0,
  requestRunNow: () => set((s) => ({ runNowNonce: s.runNowNonce + 1 })),
});
