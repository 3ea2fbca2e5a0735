import type { ExecutorState } from '../../supervisor';

/** Where the executor's boot is, as its last boot-progress event said (undefined: none yet). */
export type BootPhase = Extract<ExecutorState, { status: 'starting' }>['phase'];

/** The boot phase in words, for the status bar and the reason on actions that wait for Python. */
export function bootPhaseText(phase: BootPhase): string {
  switch (phase) {
    case undefined:
      return 'starting the executor worker';
    case 'opening-database':
      return 'opening IndexedDB';
    case 'reading-snapshot':
      return 'looking for a saved Python snapshot';
    case 'restoring-snapshot':
      return 'restoring Python from its snapshot';
    case 'fetching-snapshot':
      return 'restoring Python from the snapshot shipped with the studio';
    case 'loading-python':
      return 'loading Pyodide';
    case 'installing-sdk':
      return 'installing the workflows SDK';
  }
}

/** However the boot goes, the UI does not wait longer than this to render. */
export const UI_AT_THE_LATEST_MS = 3_000;

/**
 * Whether the studio's UI should render now, `elapsedMs` after the page started the executor. On a cold start
 * (`loading-python`: seconds of Pyodide loading) at once, so the user edits while Python boots. While the
 * boot may still become a warm start (database, snapshot lookup, restore from the snapshot: about a second)
 * or restoring the snapshot shipped with the studio on a first visit, the UI waits for it: loading the UI meanwhile competes with the restore for the CPU (measured: warm start
 * ~1.5 s instead of ~1.0 s) and would not be usable much sooner. Ready, failed or restarting: at once.
 */
export function uiMayRender(state: ExecutorState, elapsedMs: number): boolean {
  if (state.status !== 'starting' || elapsedMs >= UI_AT_THE_LATEST_MS) return true;
  return state.phase === 'loading-python' || state.phase === 'installing-sdk';
}
