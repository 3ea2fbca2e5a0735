import { describe, expect, it } from 'vitest';
import { type BootPhase, bootPhaseText, MONACO_AT_THE_LATEST_MS, monacoMayLoad } from './boot-phase';

describe('monacoMayLoad()', () => {
  it('loads at once on a cold start, so the user has the full editor while Pyodide loads', () => {
    expect(monacoMayLoad({ status: 'starting', since: 0, role: 'leader', phase: 'loading-python' }, 150)).toBe(true);
    expect(monacoMayLoad({ status: 'starting', since: 0, role: 'leader', phase: 'installing-sdk' }, 150)).toBe(true);
  });

  it('waits while the boot may still become a warm start, but not longer than MONACO_AT_THE_LATEST_MS', () => {
    expect(monacoMayLoad({ status: 'starting', since: 0, role: 'leader' }, 10)).toBe(false);
    for (const phase of ['opening-database', 'reading-snapshot', 'restoring-snapshot', 'fetching-snapshot'] as const) {
      expect(monacoMayLoad({ status: 'starting', since: 0, role: 'leader', phase }, 500)).toBe(false);
      expect(monacoMayLoad({ status: 'starting', since: 0, role: 'leader', phase }, MONACO_AT_THE_LATEST_MS)).toBe(
        true,
      );
    }
  });

  it('loads at once when Python is ready, failed or restarting', () => {
    const python = { type: 'python-ready', pyodideVersion: '314.0.7', pythonVersion: '3.14.2', loadMs: 610 } as const;
    expect(monacoMayLoad({ status: 'ready', since: 0, coldStartMs: 800, warm: true, python, role: 'leader' }, 0)).toBe(
      true,
    );
    const failed = { status: 'failed', since: 0, error: { name: 'TypeError', message: 'x' }, role: 'leader' } as const;
    expect(monacoMayLoad(failed, 0)).toBe(true);
    expect(monacoMayLoad({ status: 'restarting', since: 0, reason: 'killed', role: 'leader' }, 0)).toBe(true);
  });
});

describe('bootPhaseText()', () => {
  it('names every phase, and the time before the worker reports one', () => {
    // A Record over the phase union: a new phase does not compile until it is listed here with its words.
    const words: Record<NonNullable<BootPhase>, string> = {
      'opening-database': 'opening IndexedDB',
      'reading-snapshot': 'looking for a saved Python snapshot',
      'restoring-snapshot': 'restoring Python from its snapshot',
      'fetching-snapshot': 'restoring Python from the snapshot shipped with the studio',
      'loading-python': 'loading Pyodide',
      'installing-sdk': 'installing the workflows SDK',
    };
    expect(Object.keys(words)).toHaveLength(6);
    for (const [phase, text] of Object.entries(words)) expect(bootPhaseText(phase as BootPhase)).toBe(text);
    expect(bootPhaseText(undefined)).toBe('starting the executor worker');
  });
});
