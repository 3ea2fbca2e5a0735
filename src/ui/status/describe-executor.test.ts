import { describe, expect, it } from 'vitest';
import { busyText, describeExecutor, formatSeconds, startingLine } from './describe-executor';

describe('describeExecutor()', () => {
  it('shows the time elapsed since the worker was spawned while Python starts, and the boot phase', () => {
    expect(describeExecutor({ status: 'starting', since: 1000, role: 'leader' }, 5812)).toEqual({
      tone: 'busy',
      text: 'Python is starting…',
      live: '4.8 s',
      phase: 'starting the executor worker',
    });
    const loading = { status: 'starting', since: 0, role: 'leader', phase: 'loading-python' } as const;
    expect(describeExecutor(loading, 2100)).toMatchObject({ live: '2.1 s', phase: 'loading Pyodide' });
    const warm = { status: 'starting', since: 0, role: 'leader', phase: 'restoring-snapshot' } as const;
    expect(describeExecutor(warm, 0).phase).toBe('restoring Python from its snapshot');
  });

  it('shows the cold start once ready, and the versions as detail', () => {
    const python = { type: 'python-ready', pyodideVersion: '314.0.7', pythonVersion: '3.14.2', loadMs: 4210 } as const;
    expect(
      describeExecutor({ status: 'ready', since: 0, coldStartMs: 4812, warm: false, python, role: 'leader' }, 9999),
    ).toEqual({
      tone: 'ok',
      text: 'Python ready (cold start 4.8 s)',
      detail: 'Python 3.14.2 · Pyodide 314.0.7 · loadPyodide 4.2 s',
    });
  });

  it('says Python is busy, not ready, while code that does not await holds the executor', () => {
    const python = { type: 'python-ready', pyodideVersion: '314.0.7', pythonVersion: '3.14.2', loadMs: 610 } as const;
    const busy = { since: 100, attempt: { instanceId: 'a', stepName: 'charge_card', attempt: 1 } };
    expect(
      describeExecutor({ status: 'ready', since: 0, coldStartMs: 812, warm: true, python, role: 'leader', busy }, 0),
    ).toEqual({ tone: 'busy', text: 'Python busy', detail: 'Python 3.14.2 · Pyodide 314.0.7 · loadPyodide 0.6 s' });
  });

  it('names where Python is busy, in whole seconds: the step and attempt, or outside any step (whose run(), when known)', () => {
    const attempt = { instanceId: 'order-7', stepName: 'charge_card', attempt: 2 };
    expect(busyText({ since: 1000, attempt }, 13_999)).toBe('busy 12 s in charge_card (attempt 2 of order-7)');
    expect(busyText({ since: 1000 }, 7_000)).toBe(
      'Python busy 6 s outside any step (in run(), at import or in a callback)',
    );
    expect(busyText({ since: 1000, run: { instanceId: 'loop-1' } }, 4_000)).toBe(
      'Python busy 3 s outside any step: run() of loop-1',
    );
  });

  it('says warm start when Python came from the snapshot, and that another tab runs it for a follower', () => {
    const python = { type: 'python-ready', pyodideVersion: '314.0.7', pythonVersion: '3.14.2', loadMs: 610 } as const;
    expect(
      describeExecutor({ status: 'ready', since: 0, coldStartMs: 812, warm: true, python, role: 'follower' }, 0),
    ).toEqual({
      tone: 'ok',
      text: 'Python ready (warm start 0.8 s)',
      detail: 'Runs in another tab · Python 3.14.2 · Pyodide 314.0.7 · loadPyodide 0.6 s',
    });
  });

  it('names the shipped snapshot when a first visit started from it, and says so when it could not be used', () => {
    const python = { type: 'python-ready', pyodideVersion: '314.0.7', pythonVersion: '3.14.2', loadMs: 610 } as const;
    const shipped = { ...python, warm: true, snapshot: 'shipped' } as const;
    expect(
      describeExecutor({ status: 'ready', since: 0, coldStartMs: 1012, warm: true, python: shipped, role: 'leader' }, 0)
        .text,
    ).toBe('Python ready (start from the shipped snapshot 1.0 s)');
    const failed = { ...python, loadMs: 2900, warm: false, snapshot: 'shipped-failed' } as const;
    expect(
      describeExecutor({ status: 'ready', since: 0, coldStartMs: 3140, warm: false, python: failed, role: 'leader' }, 0)
        .text,
    ).toBe('Python ready (cold start 3.1 s; the snapshot shipped with the studio could not be used)');
  });

  it('shows why the executor is restarting, with a live timer', () => {
    const state = { status: 'restarting', since: 100, reason: 'killed from the studio', role: 'leader' } as const;
    expect(describeExecutor(state, 1300)).toEqual({
      tone: 'busy',
      text: 'Python restarting… (killed from the studio)',
      live: '1.2 s',
    });
    expect(describeExecutor({ ...state, phase: 'loading-python' }, 1300)).toMatchObject({ phase: 'loading Pyodide' });
  });

  it('shows a boot error with its name and message', () => {
    const state = {
      status: 'failed',
      since: 0,
      error: { name: 'TypeError', message: 'Failed to fetch' },
      role: 'leader',
    } as const;
    expect(describeExecutor(state, 0).text).toBe('Python failed to start — TypeError: Failed to fetch');
  });

  it('never shows a negative time', () => {
    expect(formatSeconds(-5)).toBe('0.0 s');
  });
});

describe('startingLine()', () => {
  const python = { type: 'python-ready', pyodideVersion: '314.0.7', pythonVersion: '3.14.2', loadMs: 610 } as const;

  it('counts from the state’s start and names the boot phase, which only moves forward', () => {
    const restoring = { status: 'starting', since: 0, role: 'leader', phase: 'restoring-snapshot' } as const;
    expect(startingLine(restoring, 400, undefined)).toEqual({
      text: 'Python is starting… 0.4 s · restoring Python from its snapshot',
      phase: 'restoring-snapshot',
    });
    // A phase-less state after a phase (a tab's state before its executor's) keeps the phase shown.
    expect(startingLine({ status: 'starting', since: 0, role: 'leader' }, 500, 'restoring-snapshot')).toEqual({
      text: 'Python is starting… 0.5 s · restoring Python from its snapshot',
      phase: 'restoring-snapshot',
    });
  });

  it('says Python is ready while the UI still loads, not "starting the executor worker"', () => {
    const ready = { status: 'ready', since: 0, coldStartMs: 910, warm: true, python, role: 'leader' } as const;
    expect(startingLine(ready, 1200, 'restoring-snapshot')).toEqual({
      text: 'Python ready (warm start 0.9 s) · opening the studio',
      phase: 'restoring-snapshot',
    });
  });

  it('shows a restart with its reason, timer and phase, and a failure', () => {
    const restarting = { status: 'restarting', since: 100, reason: 'boom', role: 'leader' } as const;
    expect(startingLine({ ...restarting, phase: 'opening-database' }, 1300, 'restoring-snapshot')).toEqual({
      text: 'Python restarting… (boom) 1.2 s · opening IndexedDB',
      phase: 'opening-database',
    });
    expect(startingLine(restarting, 1300, 'restoring-snapshot')).toEqual({
      text: 'Python restarting… (boom) 1.2 s',
      phase: undefined,
    });
    const failed = { status: 'failed', since: 0, error: { name: 'TypeError', message: 'x' }, role: 'leader' } as const;
    expect(startingLine(failed, 0, 'loading-python').text).toBe('Python failed to start — TypeError: x');
  });
});
