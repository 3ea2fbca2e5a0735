/**
 * The order of an executor's boot: the journal opens while Python starts, and when the boot announces journal
 * work (a restart carried a Terminate over), Python starts only once that work is done — Python's boot would
 * hold the worker's thread for seconds. Fake Pyodide (its loader never settles), real database (fake-indexeddb).
 */
import { describe, expect, it, vi } from 'vitest';
import type { BootPython } from '../protocol';
import { readSdkSources } from '../runtime/node';
import { type BootExecutorDeps, bootExecutor } from './boot-executor';
import type { ExecutorCore } from './executor-core';

function setup(journalWork?: number) {
  const order: string[] = [];
  let finishWork: () => void = () => {};
  const deps: BootExecutorDeps = {
    loadPyodide: () => {
      order.push('Python starts');
      return new Promise(() => {});
    },
    pyodideVersion: '314.0.7',
    sdkSources: readSdkSources(),
    emit: () => {},
    now: () => performance.now(),
    kill: () => {},
    defer: (cb) => setTimeout(cb, 0),
  };
  const input: BootPython = {
    type: 'boot-python',
    indexURL: '/py/',
    snapshots: false,
    dbName: `boot-order-${Math.random().toString(36).slice(2)}`,
    ...(journalWork === undefined ? {} : { journalWork }),
  };
  const cores: ExecutorCore[] = [];
  void bootExecutor(input, deps, async (core) => {
    cores.push(core);
    order.push('journal open');
    await new Promise<void>((resolve) => {
      finishWork = () => {
        order.push('journal work done');
        resolve();
      };
    });
  });
  return { order, finishWork: () => finishWork(), cores };
}

describe('bootExecutor(): journal work before Python', () => {
  it('with journal work announced, opens the journal and starts Python only once that work is done', async () => {
    const { order, finishWork, cores } = setup(2);
    await vi.waitFor(() => expect(order).toEqual(['journal open']));
    // The core can journal already: a Terminate of an unknown instance is answered by the engine, no Python.
    await expect(cores[0]?.terminate('nobody')).rejects.toThrow('not found');
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual(['journal open']);
    finishWork();
    await vi.waitFor(() => expect(order).toEqual(['journal open', 'journal work done', 'Python starts']));
    cores[0]?.dispose();
  });

  it('without it, starts Python while the journal opens', async () => {
    const { order, cores } = setup();
    await vi.waitFor(() => expect(order).toContain('journal open'));
    await vi.waitFor(() => expect(order).toContain('Python starts'));
    expect(order).not.toContain('journal work done');
    cores[0]?.dispose();
  });
});
