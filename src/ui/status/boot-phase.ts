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

/** However the boot goes, Monaco does not wait longer than this (ms since navigation) to load. */
export const MONACO_AT_THE_LATEST_MS = 3_000;

/**
 * Whether the editor may load Monaco now, `elapsedMs` after navigation. The studio renders at once with a light
 * view of the code (editor/LightEditor.tsx); Monaco (several MB to parse and run) waits while the boot may still
 * become a warm start (database, snapshot lookup, restore from the snapshot: well under a second) or restores the
 * snapshot shipped with the studio on a first visit, since it competes with the restore for the CPU (measured
 * when the whole UI waited for it: warm start ~1.5 s instead of ~1.0 s). On a cold start (`loading-python`:
 * seconds) at once. Ready, failed or restarting: at once.
 */
export function monacoMayLoad(state: ExecutorState, elapsedMs: number): boolean {
  if (state.status !== 'starting' || elapsedMs >= MONACO_AT_THE_LATEST_MS) return true;
  return state.phase === 'loading-python' || state.phase === 'installing-sdk';
}
