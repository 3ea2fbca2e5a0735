/**
 * The executor's warm start, composed for real (test-boot.ts): a plain load makes the Python snapshot and the
 * next boot restores it, from IndexedDB or from snapshot files (OPFS); a broken one falls back to a plain load.
 */
import { version as pyodideVersion } from 'pyodide';
import { describe, expect, it, vi } from 'vitest';
import { createSnapshotFiles, StudioDB, snapshotKey } from '../persistence';
import { memoryDirectory } from '../persistence/test-snapshot-directory';
import { sdkHash } from '../runtime';
import { createHeadStart, type HeadStartDeps } from './start-python';
import { boot, fastLoad, freshDb, GREETER, realLoad, sdkSources, setUpExecutors } from './test-boot';

setUpExecutors();

describe('warm start', () => {
  it('makes a snapshot on a plain load, stores it after ready, and restores it on the next boot', async () => {
    const dbName = freshDb();
    const cold = await boot(dbName, { snapshots: true }, { loadPyodide: realLoad });
    expect(cold.executor.ready).toMatchObject({ warm: false, snapshot: 'missing' });
    await cold.executor.afterReady();
    expect(cold.events.find((e) => e.type === 'snapshot-stored')).toMatchObject({ ok: true });
    cold.executor.core.dispose();

    const warm = await boot(dbName, { snapshots: true }, { loadPyodide: realLoad });
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
    ['broken', [1, 2, 3]],
    ['empty (a write cut short)', []],
  ])(
    'falls back to a plain load when the snapshot file is %s, and removes it',
    async (_, content) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const { dir, files } = memoryDirectory();
      const key = snapshotKey(pyodideVersion, sdkHash(sdkSources));
      files.set(`${key}.snapshot`, new Uint8Array(content));
      const { executor } = await boot(
        freshDb(),
        { snapshots: true },
        { loadPyodide: fastLoad, snapshotFiles: async () => createSnapshotFiles(dir) },
      );
      expect(executor.ready).toMatchObject({ warm: false, snapshot: 'failed' });
      expect(files.size).toBe(0);
      expect(warn.mock.calls[0]?.[0]).toBe(
        'The Python start-up snapshot could not be restored; loading Python plainly.',
      );
      warn.mockRestore();
    },
    60_000,
  );

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
