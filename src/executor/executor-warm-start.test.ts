/**
 * The executor's warm start, composed for real (test-boot.ts): a plain load makes the Python snapshot and the
 * next boot restores it, from IndexedDB or from snapshot files (OPFS); a broken one falls back to a plain load.
 */
import { version as pyodideVersion } from 'pyodide';
import { describe, expect, it, vi } from 'vitest';
import { createSnapshotFiles, StudioDB, snapshotKey } from '../persistence';
import { memoryDirectory } from '../persistence/test-snapshot-directory';
import type { BootPython, WorkerToHost } from '../protocol';
import { sdkHash } from '../runtime';
import { bootExecutor } from './boot-executor';
import { startExecutorHost, type WorkerScope } from './executor-host';
import { createHeadStart, type HeadStartDeps } from './start-python';
import {
  baseSnapshot,
  boot,
  bootDeps,
  disposeAfterTest,
  fastLoad,
  freshDb,
  GREETER,
  realLoad,
  sdkSources,
  setUpExecutors,
} from './test-boot';

setUpExecutors();

describe('warm start', () => {
  it('makes a snapshot on a plain load, stores it after ready, and restores it on the next boot', async () => {
    const dbName = freshDb();
    const cold = await boot(dbName, { snapshots: true }, { loadPyodide: realLoad });
    expect(cold.executor.ready).toMatchObject({ warm: false, snapshot: 'missing' });
    await cold.executor.afterReady();
    expect(cold.events.find((e) => e.type === 'snapshot-stored')).toMatchObject({ ok: true });
    cold.executor.core.dispose();

    // The snapshot holds the sandbox module compiled (installSdk imports it), so a restore need not compile it.
    let sandboxRestored: unknown;
    const warm = await boot(
      dbName,
      { snapshots: true },
      {
        loadPyodide: async (options) => {
          const pyodide = await realLoad(options);
          sandboxRestored = pyodide.runPython("'workers._sandbox' in __import__('sys').modules");
          return pyodide;
        },
      },
    );
    expect(sandboxRestored).toBe(true);
    expect(warm.executor.ready).toMatchObject({ warm: true, snapshot: 'used' });
    expect(
      warm.events.filter((e) => e.type === 'boot-progress').map((e) => e.type === 'boot-progress' && e.phase),
    ).toEqual(['opening-database', 'reading-snapshot', 'restoring-snapshot']);
    const loaded = await warm.executor.core.loadSource({ fileId: 'f', version: 1, name: 'g.py', source: GREETER('!') });
    expect(loaded.ok).toBe(true);
  }, 60_000);

  it('keeps the snapshot in snapshot files when there are some (OPFS), and restores it from there', async () => {
    const dbName = freshDb();
    const { dir, files } = memoryDirectory();
    const snapshotFiles = async () => createSnapshotFiles(dir);
    const cold = await boot(dbName, { snapshots: true }, { loadPyodide: realLoad, snapshotFiles });
    expect(cold.executor.ready).toMatchObject({ warm: false, snapshot: 'missing' });
    await cold.executor.afterReady();
    cold.executor.core.dispose();
    const key = snapshotKey(pyodideVersion, sdkHash(sdkSources));
    expect([...files.keys()]).toEqual([`${key}.snapshot`]);
    const db = new StudioDB(dbName);
    expect(await db.snapshots.count()).toBe(0);
    db.close();

    const warm = await boot(dbName, { snapshots: true }, { loadPyodide: realLoad, snapshotFiles });
    expect(warm.executor.ready).toMatchObject({ warm: true, snapshot: 'used' });
    const loaded = await warm.executor.core.loadSource({ fileId: 'f', version: 1, name: 'g.py', source: GREETER('!') });
    expect(loaded.ok).toBe(true);
  }, 60_000);

  it.each([
    ['broken', [1, 2, 3], 'failed', 'The Python start-up snapshot could not be restored; loading Python plainly.'],
    [
      'empty (a write cut short)',
      [],
      'missing',
      'The Python start-up snapshot stored in this browser is empty; starting without it.',
    ],
  ])(
    'falls back to a plain load when the snapshot file is %s, and removes it',
    async (_, content, snapshot, warning) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const { dir, files } = memoryDirectory();
      const key = snapshotKey(pyodideVersion, sdkHash(sdkSources));
      files.set(`${key}.snapshot`, new Uint8Array(content));
      const { executor } = await boot(
        freshDb(),
        { snapshots: true },
        { loadPyodide: fastLoad, snapshotFiles: async () => createSnapshotFiles(dir) },
      );
      expect(executor.ready).toMatchObject({ warm: false, snapshot });
      expect(files.size).toBe(0);
      expect(warn.mock.calls[0]?.[0]).toBe(warning);
      warn.mockRestore();
    },
    60_000,
  );

  it('starts from the shipped snapshot when the stored file is empty, even read before Pyodide awaits it (no unhandled rejection failing the boot)', async () => {
    // The restart after Kill now, seen in CI: the last executor began storing its snapshot after "ready", a step
    // then held its thread, and the kill left the file empty. Pyodide awaits `_loadSnapshot` only once its runtime
    // script is loaded, so the failed read was an unhandled rejection first, and in the worker that fails the boot
    // (executor-host.ts, for a loadPyodide that never settles): the supervisor gave up, nothing recovered. An
    // empty file is no snapshot: the shipped one is used, as on a first visit, and kept after ready.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const listeners: Array<(e: { reason: unknown }) => void> = [];
    const unhandled = (reason: unknown) => {
      for (const l of listeners) l({ reason });
    };
    process.on('unhandledRejection', unhandled);
    try {
      const { dir, files } = memoryDirectory();
      files.set(`${snapshotKey(pyodideVersion, sdkHash(sdkSources))}.snapshot`, new Uint8Array());
      const posted: WorkerToHost[] = [];
      const scope = {
        postMessage: (m: WorkerToHost) => posted.push(m),
        addEventListener(type: string, l: (e: never) => void) {
          if (type === 'unhandledrejection') listeners.push(l as (e: { reason: unknown }) => void);
          else onMessage = l as (e: { data: unknown }) => void;
        },
      } as unknown as WorkerScope;
      let onMessage: ((e: { data: unknown }) => void) | undefined;
      const deps = bootDeps({
        // Pyodide's runtime script loads (a macrotask or more) before it looks at the snapshot.
        loadPyodide: async (options) => {
          if (options._loadSnapshot) await new Promise((r) => setTimeout(r, 50));
          return fastLoad(options);
        },
        snapshotFiles: async () => createSnapshotFiles(dir),
        fetchShippedSnapshot: async () => baseSnapshot(),
      });
      startExecutorHost(scope, {
        boot: async (input, emit, open) => disposeAfterTest(await bootExecutor(input, { ...deps, emit }, open)),
      });
      const input: BootPython = { type: 'boot-python', indexURL: 'unused/', dbName: freshDb(), snapshots: true };
      onMessage?.({ data: { type: 'request', requestId: 1, input } });
      await vi.waitFor(() => expect(posted.some((m) => m.type === 'response')).toBe(true), { timeout: 30_000 });
      const answer = posted.find((m) => m.type === 'response');
      const result = answer?.type === 'response' ? answer.result : undefined;
      // Without the catch in boot-python.ts: "The stored snapshot is empty (…) or was removed (loading …)".
      if (result?.type !== 'ok') throw new Error(`The boot failed: ${result?.name}: ${result?.message}`);
      expect(result.output).toMatchObject({ type: 'python-ready', warm: true, snapshot: 'shipped' });
    } finally {
      process.off('unhandledRejection', unhandled);
      warn.mockRestore();
    }
  }, 60_000);

  it('falls back to a plain load when the stored snapshot cannot be restored', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dbName = freshDb();
    const db = new StudioDB(dbName);
    const key = snapshotKey(pyodideVersion, sdkHash(sdkSources));
    await db.snapshots.put({ key, bytes: new Uint8Array([1, 2, 3]), size: 3, createdAt: 0 });
    db.close();
    const { executor } = await boot(dbName, { snapshots: true }, { loadPyodide: fastLoad });
    expect(executor.ready).toMatchObject({ warm: false, snapshot: 'failed' });
    const after = new StudioDB(dbName);
    expect(await after.snapshots.get(key)).toBeUndefined();
    after.close();
    expect(warn.mock.calls[0]?.[0]).toBe('The Python start-up snapshot could not be restored; loading Python plainly.');
    warn.mockRestore();
  }, 60_000);
});

/**
 * The worker's head start (start-python.ts): begun at spawn, before the tab knows it leads; the boot request of a
 * leader claims it, a follower's worker is terminated with it unclaimed, so it may write nothing before.
 */
describe('head start', () => {
  /** `fastLoad`, counting its calls. */
  const countingLoad = () => {
    const load = {
      calls: 0,
      loaded: 0,
      fn: async (options: Parameters<typeof fastLoad>[0]) => {
        load.calls++;
        const pyodide = await fastLoad(options);
        load.loaded++;
        return pyodide;
      },
    };
    return load;
  };
  const startDeps = (load: ReturnType<typeof countingLoad>, extra: Partial<HeadStartDeps> = {}): HeadStartDeps => ({
    loadPyodide: load.fn,
    pyodideVersion,
    sdkSources,
    now: () => performance.now(),
    ...extra,
  });
  const until = async (done: () => boolean) => {
    for (let i = 0; !done(); i++) {
      if (i > 2_000) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  it('is claimed by the boot that asks for the same: Python is started once, before the request, and the phases move forward', async () => {
    const dbName = freshDb();
    const load = countingLoad();
    const head = createHeadStart({ indexURL: 'unused/', dbName, snapshots: false }, startDeps(load));
    await until(() => load.calls === 1);
    const { executor, events } = await boot(
      dbName,
      {},
      { loadPyodide: load.fn, claimHeadStart: (input, progress) => head.claim(input, progress) },
    );
    expect(load.calls).toBe(1);
    expect(executor.ready.phases?.['head-start']).toBeGreaterThanOrEqual(0);
    expect(events.filter((e) => e.type === 'boot-progress').map((e) => e.type === 'boot-progress' && e.phase)).toEqual([
      'opening-database',
      'loading-python',
      'installing-sdk',
    ]);
    const loaded = await executor.core.loadSource({ fileId: 'f', version: 1, name: 'g.py', source: GREETER('!') });
    expect(loaded.ok).toBe(true);
  }, 60_000);

  it('is dropped by a boot that asks for something else, which starts its own', async () => {
    const load = countingLoad();
    const head = createHeadStart({ indexURL: 'unused/', dbName: freshDb(), snapshots: false }, startDeps(load));
    const { executor } = await boot(
      freshDb(),
      {},
      { loadPyodide: load.fn, claimHeadStart: (input, progress) => head.claim(input, progress) },
    );
    expect(load.calls).toBe(2);
    expect(executor.ready.phases?.['head-start']).toBeUndefined();
  }, 60_000);

  it('removes a snapshot that failed to restore only once a boot claims it (a follower writes nothing)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { dir, files } = memoryDirectory();
    const key = snapshotKey(pyodideVersion, sdkHash(sdkSources));
    files.set(`${key}.snapshot`, new Uint8Array([1, 2, 3]));
    const dbName = freshDb();
    const load = countingLoad();
    const snapshotFiles = async () => createSnapshotFiles(dir);
    const head = createHeadStart({ indexURL: 'unused/', dbName, snapshots: true }, startDeps(load, { snapshotFiles }));
    // The restore failed and the plain load that follows is done: the removal comes next, and waits for a claim.
    await until(() => load.calls === 2 && load.loaded === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(files.has(`${key}.snapshot`)).toBe(true);
    const { executor } = await boot(
      dbName,
      { snapshots: true },
      { loadPyodide: load.fn, snapshotFiles, claimHeadStart: (input, progress) => head.claim(input, progress) },
    );
    expect(executor.ready).toMatchObject({ warm: false, snapshot: 'failed' });
    expect(files.size).toBe(0);
    expect(load.calls).toBe(2);
    warn.mockRestore();
  }, 60_000);

  it('fails the boot that claims it when the worker had an unhandled rejection before (a loadPyodide that never settles)', async () => {
    let reject: ((reason: unknown) => void) | undefined;
    const head = createHeadStart(
      { indexURL: 'unused/', dbName: undefined, snapshots: false },
      {
        ...startDeps(countingLoad()),
        loadPyodide: () => new Promise(() => {}),
        onUnhandledRejection: (listener) => {
          reject = listener;
        },
      },
    );
    reject?.(new TypeError('Failed to fetch pyodide.asm.wasm'));
    const started = head.claim({ indexURL: 'unused/', snapshots: false }, () => {});
    await expect(started?.booted).rejects.toThrow('Failed to fetch pyodide.asm.wasm');
    started?.db.close();
  }, 10_000);
});
