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
    case 'loading-python':
      return 'loading Pyodide';
    case 'installing-sdk':
      return 'installing the workflows SDK';
  }
}
