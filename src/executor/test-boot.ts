/**
 * Test-only: executors composed for real (bootExecutor: Pyodide from node_modules, Dexie on fake-indexeddb, the
 * real clock) for the executor's Node tests. Slow (Pyodide), so one base snapshot is made per test file and
 * every other boot restores it. A test file calls `setUpExecutors()` once at its top.
 */
import { loadPyodide, type PyodideAPI, version as pyodideVersion } from 'pyodide';
import { afterEach, beforeAll } from 'vitest';
import type { InstanceStatus, JournalEvent, StepSucceededEvent } from '../engine';
import { createDexieJournalStore, StudioDB } from '../persistence';
import type { BootPython, WorkerEvent } from '../protocol';
import { readSdkSources } from '../runtime/node';
import { type BootExecutorDeps, bootExecutor, type Executor } from './boot-executor';
import type { LoadPyodideOptions } from './boot-python';

export const sdkSources = readSdkSources();
let baseSnapshot_: Uint8Array;
const quiet = { stdout: () => {}, stderr: () => {} };
const live: Executor[] = [];

/** Makes the base snapshot before the file's tests and disposes every executor booted after each test. */
export function setUpExecutors(): void {
  beforeAll(async () => {
    const base = await loadPyodide({ _makeSnapshot: true, ...quiet } as Parameters<typeof loadPyodide>[0]);
    baseSnapshot_ = (base as PyodideAPI & { makeMemorySnapshot(): Uint8Array }).makeMemorySnapshot();
  });
  afterEach(() => {
    for (const e of live.splice(0)) e.core.dispose();
  });
}

/** The base snapshot (Pyodide without the SDK) made before the file's tests, e.g. to stand for the shipped one. */
export const baseSnapshot = (): Uint8Array => baseSnapshot_;

/** A real plain load of Pyodide (seconds), honouring the snapshot options it is given. */
export const realLoad = (options: LoadPyodideOptions) =>
  loadPyodide({ ...quiet, ...options, indexURL: undefined } as Parameters<typeof loadPyodide>[0]);

/** A plain-Python loader that restores the base snapshot (0.3 s) instead of a 5 s cold load. */
export const fastLoad = (options: LoadPyodideOptions) =>
  loadPyodide({
    ...quiet,
    jsglobals: options.jsglobals,
    _loadSnapshot: options._loadSnapshot ?? baseSnapshot_,
  } as Parameters<typeof loadPyodide>[0]);

/** The host services of a test executor (`fastLoad`); its events go to `events`. */
export function bootDeps(deps: Partial<BootExecutorDeps> = {}, events: WorkerEvent[] = []): BootExecutorDeps {
  return {
    loadPyodide: fastLoad,
    pyodideVersion,
    sdkSources,
    emit: (e) => events.push(e),
    now: () => performance.now(),
    kill: (at, cut) => events.push({ type: 'self-kill', at, ...(cut ? { attempt: cut } : {}) }),
    defer: (cb) => setImmediate(cb),
    ...deps,
  };
}

/** Disposes `executor` after the test, like the executors `boot` makes. */
export function disposeAfterTest(executor: Executor): Executor {
  live.push(executor);
  return executor;
}

export async function boot(
  dbName: string,
  extra: Partial<BootPython> = {},
  deps: Partial<BootExecutorDeps> = {},
): Promise<{ executor: Executor; events: WorkerEvent[] }> {
  const events: WorkerEvent[] = [];
  const executor = await bootExecutor(
    { type: 'boot-python', indexURL: 'unused/', dbName, snapshots: false, ...extra },
    bootDeps(deps, events),
  );
  live.push(executor);
  return { executor, events };
}

export const freshDb = () => `executor-${Math.random().toString(36).slice(2)}`;

export async function waitForStatus(dbName: string, id: string, status: InstanceStatus, timeoutMs = 20_000) {
  const db = new StudioDB(dbName);
  const until = Date.now() + timeoutMs;
  try {
    for (;;) {
      const row = await db.instances.get(id);
      if (row?.status === status) return row;
      if (Date.now() > until) throw new Error(`instance ${id} is ${row?.status}, not ${status}, after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    db.close();
  }
}

export async function journal(dbName: string, id: string): Promise<JournalEvent[]> {
  const db = new StudioDB(dbName);
  try {
    return await createDexieJournalStore(db).read(id);
  } finally {
    db.close();
  }
}

export const logsOf = (events: JournalEvent[]) =>
  events.filter((e): e is StepSucceededEvent => e.type === 'step-succeeded').flatMap((e) => e.logs);

export const GREETER = (suffix: string) => `from workers import WorkflowEntrypoint

class Greeter(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("hello")
        async def hello():
            print("hello ran")
            return "hi " + event["payload"]["name"]

        greeting = await hello()
        await step.sleep("nap", "1 second")

        @step.do("after")
        async def after():
            print("after ran")
            return greeting + "${suffix}"

        return await after()
`;
