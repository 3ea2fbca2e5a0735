/**
 * The executor composed for real (test-boot.ts), driven through its core as the worker's message loop does:
 * runs, recovery (from IndexedDB and from the journal's write-ahead log), per-file bodies, deletion and crash
 * injection. The interrupt buffer is in executor-interrupts.test.ts, warm start in executor-warm-start.test.ts.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type FromMirror, type PortLike, StudioDB, type SyncFile, serveMirror, type ToMirror } from '../persistence';
import { openSyncFile } from '../persistence/test-sync-file';
import { decodeFrames } from '../persistence/wal-frames';
import { boot, freshDb, GREETER, journal, logsOf, setUpExecutors, waitForStatus } from './test-boot';

setUpExecutors();

const files: SyncFile[] = [];
afterEach(() => {
  for (const f of files.splice(0)) f.close();
  for (const c of cleanupPorts.splice(0)) c();
});

/** The executor's end of a channel to the real journal mirror, as the supervisor hands it over in the browser. */
function portMirror(): MessagePort {
  const { port1, port2 } = new MessageChannel();
  serveMirror(port2 as unknown as PortLike<ToMirror, FromMirror>, { gatherMs: 10 });
  cleanupPorts.push(() => {
    port1.close();
    port2.close();
  });
  return port1 as unknown as MessagePort;
}
const cleanupPorts: Array<() => void> = [];

/** A mirror that says it runs and then writes nothing, as one whose worker was terminated. */
function deadMirror(): MessagePort {
  const { port1, port2 } = new MessageChannel();
  port2.addEventListener('message', (e: MessageEvent<ToMirror>) => {
    if (e.data.type === 'open') port2.postMessage({ type: 'ready' } satisfies FromMirror);
  });
  port2.start();
  cleanupPorts.push(() => {
    port1.close();
    port2.close();
  });
  return port1 as unknown as MessagePort;
}

describe('executor (real Pyodide, Dexie, real clock)', () => {
  it('loads a file, runs an instance to completion and records the instance’s file', async () => {
    const dbName = freshDb();
    const { executor } = await boot(dbName);
    const loaded = await executor.core.loadSource({
      fileId: 'f1',
      version: 1,
      name: 'greeter.py',
      source: GREETER('!'),
    });
    expect(loaded).toEqual({
      ok: true,
      fileId: 'f1',
      version: 1,
      workflows: [{ className: 'Greeter', workflowName: 'greeter', bindingName: 'GREETER', line: 3 }],
    });
    const [id] = await executor.core.create({ fileId: 'f1', workflowName: 'greeter', params: { name: 'Ada' } });
    const done = await waitForStatus(dbName, id as string, 'complete');
    expect(done.runs).toBe(2);
    expect(logsOf(await journal(dbName, id as string))).toEqual(['hello ran\n', 'after ran\n']);
    const db = new StudioDB(dbName);
    expect(await db.instanceFiles.get(id as string)).toEqual({ instanceId: id, fileId: 'f1' });
    expect((await db.loadedSources.get('f1'))?.version).toBe(1);
    db.close();
  }, 30_000);

  it('returns a Python syntax error as a result with its line, and refuses to create from a file never loaded', async () => {
    const { executor } = await boot(freshDb());
    const broken = await executor.core.loadSource({ fileId: 'f', version: 1, name: 'bad.py', source: 'def (:\n' });
    expect(broken).toMatchObject({ ok: false, fileId: 'f', version: 1, error: { name: 'SyntaxError', line: 1 } });
    await expect(executor.core.create({ fileId: 'f', workflowName: 'greeter' })).rejects.toThrow(
      'The file f has not been loaded into Python yet; load it before running it.',
    );
  }, 30_000);

  it('resumes a sleeping instance in a fresh executor with the stored source, without re-running the first step', async () => {
    const dbName = freshDb();
    const first = await boot(dbName);
    await first.executor.core.loadSource({ fileId: 'f1', version: 1, name: 'g.py', source: GREETER('!') });
    const [id] = await first.executor.core.create({ fileId: 'f1', workflowName: 'greeter', params: { name: 'Bo' } });
    await waitForStatus(dbName, id as string, 'waiting');
    first.executor.core.dispose(); // the tab closes mid-sleep

    const second = await boot(dbName);
    expect(await second.executor.core.recover()).toEqual({ type: 'recovered', resumed: 1, waitingForSource: 0 });
    const done = await waitForStatus(dbName, id as string, 'complete');
    expect(done.error).toBeNull();
    const events = await journal(dbName, id as string);
    expect(logsOf(events)).toEqual(['hello ran\n', 'after ran\n']);
    expect(events.find((e) => e.type === 'run-finished')).toMatchObject({ output: 'hi Bo!' });
  }, 30_000);

  it('resumes, in a fresh executor, an instance whose journal reached only the write-ahead log before a crash', async () => {
    const dbName = freshDb();
    const path = join(mkdtempSync(join(tmpdir(), 'executor-log-')), 'journal.log');
    const openLog = async () => {
      const file = openSyncFile(path);
      files.push(file);
      return file;
    };
    // The first executor's mirror answers that it runs, then writes nothing (as if its worker died at once):
    // IndexedDB never sees a thing.
    const first = await boot(dbName, { journalMirror: deadMirror() }, { openJournalLog: openLog });
    await first.executor.core.loadSource({ fileId: 'f1', version: 1, name: 'g.py', source: GREETER('!') });
    const [id] = await first.executor.core.create({ fileId: 'f1', workflowName: 'greeter', params: { name: 'Lo' } });
    await vi.waitFor(() => {
      const logged = decodeFrames(readFileSync(path)).records.flatMap((r) => r.events);
      expect(logged.some((e) => e.type === 'sleep-started')).toBe(true);
    });
    first.executor.core.dispose();
    expect(await journal(dbName, id as string)).toEqual([]);

    // The second one's mirror is the real one across a message port, as in its worker (10 ms gathering).
    const second = await boot(dbName, { journalMirror: portMirror() }, { openJournalLog: openLog });
    expect(await second.executor.core.recover()).toEqual({ type: 'recovered', resumed: 1, waitingForSource: 0 });
    await waitForStatus(dbName, id as string, 'complete');
    const events = await journal(dbName, id as string);
    expect(logsOf(events)).toEqual(['hello ran\n', 'after ran\n']);
    expect(events.find((e) => e.type === 'run-finished')).toMatchObject({ output: 'hi Lo!' });
    expect(statSync(path).size).toBe(0);
  }, 30_000);

  it('replays each instance with its own file, and with the newest loaded version of that file', async () => {
    const dbName = freshDb();
    const { executor } = await boot(dbName);
    await executor.core.loadSource({ fileId: 'a', version: 1, name: 'a.py', source: GREETER(' from A') });
    await executor.core.loadSource({ fileId: 'b', version: 1, name: 'b.py', source: GREETER(' from B') });
    const [fromA] = await executor.core.create({ fileId: 'a', workflowName: 'greeter', params: { name: 'x' } });
    const [fromB] = await executor.core.create({ fileId: 'b', workflowName: 'greeter', params: { name: 'y' } });
    await waitForStatus(dbName, fromB as string, 'waiting');
    // Edited while A's instance sleeps: its next run uses version 2 of file A.
    await executor.core.loadSource({ fileId: 'a', version: 2, name: 'a.py', source: GREETER(' from A v2') });
    await waitForStatus(dbName, fromA as string, 'complete');
    await waitForStatus(dbName, fromB as string, 'complete');
    const output = async (id: string) =>
      (await journal(dbName, id)).find((e) => e.type === 'run-finished') as { output: unknown } | undefined;
    expect((await output(fromA as string))?.output).toBe('hi x from A v2');
    expect((await output(fromB as string))?.output).toBe('hi y from B');
  }, 30_000);

  it('deletes a running instance: its journal, summary and file row are gone and nothing writes them back', async () => {
    const dbName = freshDb();
    const { executor } = await boot(dbName);
    await executor.core.loadSource({ fileId: 'f', version: 1, name: 'g.py', source: GREETER('!') });
    const [id] = await executor.core.create({ fileId: 'f', workflowName: 'greeter', params: { name: 'z' } });
    await waitForStatus(dbName, id as string, 'waiting');
    // The control sleeps as long, started a moment later: once it completed, the deleted one would have woken.
    const [control] = await executor.core.create({ fileId: 'f', workflowName: 'greeter', params: { name: 'c' } });
    await executor.core.deleteInstances([id as string]);
    await waitForStatus(dbName, control as string, 'complete');
    const db = new StudioDB(dbName);
    expect(await db.instances.get(id as string)).toBeUndefined();
    expect(
      await db.journal
        .where('instanceId')
        .equals(id as string)
        .count(),
    ).toBe(0);
    expect(await db.instanceFiles.get(id as string)).toBeUndefined();
    db.close();
  }, 30_000);

  it('stops itself before the next attempt runs when kill-at-next-step is armed', async () => {
    const dbName = freshDb();
    const { executor, events } = await boot(dbName);
    await executor.core.loadSource({ fileId: 'f', version: 1, name: 'g.py', source: GREETER('!') });
    executor.armKill();
    const [id] = await executor.core.create({ fileId: 'f', workflowName: 'greeter', params: { name: 'k' } });
    await waitForStatus(dbName, id as string, 'running');
    await vi.waitFor(() => expect(events.filter((e) => e.type === 'self-kill')).toHaveLength(1));
    expect(logsOf(await journal(dbName, id as string))).toEqual([]);
  }, 30_000);

  it('runs the next attempt after all when the armed kill is disarmed first', async () => {
    const dbName = freshDb();
    const { executor, events } = await boot(dbName);
    await executor.core.loadSource({ fileId: 'f', version: 1, name: 'g.py', source: GREETER('!') });
    executor.armKill();
    executor.disarmKill();
    const [id] = await executor.core.create({ fileId: 'f', workflowName: 'greeter', params: { name: 'k' } });
    await waitForStatus(dbName, id as string, 'complete');
    expect(events.filter((e) => e.type === 'self-kill')).toEqual([]);
  }, 30_000);
});
