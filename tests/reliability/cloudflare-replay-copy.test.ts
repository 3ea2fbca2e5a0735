/**
 * "Replay against this code" through a real executor core over IndexedDB: the copy it keeps (`<id>-replay`)
 * must stay as the verdict read it — never resumed on the real clock.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createEngine,
  createMemoryJournalStore,
  createVirtualClock,
  type JournalEvent,
  runToIdle,
  type WorkflowBody,
} from '../../src/engine';
import type { ExecutorCore } from '../../src/executor/executor-core';
import { createTestCore, oneWorkflowRuntime } from '../../src/executor/test-core';
import { type CloudflareImportRecord, StudioDB } from '../../src/persistence';
import { replayImported } from '../../src/ui/cloudflare/replay-runner';

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;
/** Waits an hour at most for an approval, then finishes with it. */
const body: WorkflowBody = async ({ step }) => {
  await step.do('a', () => 1);
  const e = await step.waitForEvent('approval', { type: 'approve', timeout: '1 hour' });
  return step.do('b', () => e.payload);
};

/** The journal Cloudflare's history becomes: the instance waiting for its approval. */
async function waitingJournal(id: string): Promise<JournalEvent[]> {
  const clock = createVirtualClock(T0);
  const store = createMemoryJournalStore();
  const engine = createEngine({ store, clock, resolveWorkflow: () => body, defer: (cb) => setImmediate(cb) });
  await engine.binding('wf').create({ id });
  await runToIdle(engine, clock, { until: T0 + 1000 });
  engine.dispose();
  return store.read(id);
}

const record = (instanceId: string): CloudflareImportRecord => ({
  instanceId,
  label: 'order.json',
  importedAt: T0,
  versionId: 'v1',
  status: 'waiting',
  trigger: 'api',
  truncated: [],
  stop: null,
  rollbacks: [],
});

const cores: ExecutorCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose();
});

describe('replayImported()', () => {
  it('keeps the replay copy read-only: the executor never resumes it, so its recorded wait never times out after the verdict', async () => {
    const db = new StudioDB(`replay-${Math.random().toString(36).slice(2)}`);
    const clock = createVirtualClock(T0 + 5000);
    const core = createTestCore({ runtime: oneWorkflowRuntime(body), db, clock });
    cores.push(core);
    await db.cloudflareImports.add(record('cf-1'));
    await core.importJournal(await waitingJournal('cf-1'), 'f');
    await core.loadSource({ fileId: 'f', version: 1, name: 'wf.py', source: 'wf' });
    const client = {
      importJournal: async (r: { events: JournalEvent[]; fileId?: string }) => ({
        id: await core.importJournal(r.events, r.fileId),
      }),
      replayOnVirtualClock: (r: { events: JournalEvent[]; source: string; filename: string }) =>
        core.replayOnVirtualClock(r),
    };
    const file = { id: 'f', name: 'wf.py', source: 'wf', workflows: [{ workflowName: 'wf', className: 'Wf' }] };

    const verdict = await replayImported({ client, db }, 'cf-1', file);

    // Every recorded call served, the code waits where the history waits: clean, and still waiting.
    expect(verdict).toEqual({ verdict: 'clean', replayId: 'cf-1-replay', detail: null });
    expect(await db.cloudflareImports.get('cf-1-replay')).toMatchObject({ replayOf: 'cf-1', stop: null });
    const kept = await db.journal.where('instanceId').equals('cf-1-replay').count();
    expect((await db.instances.get('cf-1-replay'))?.status).toBe('waiting');
    // The control, an ordinary instance waiting the same way, shows the timeout fired: the copy had its chance.
    await core.importJournal(await waitingJournal('control'), 'f');
    clock.advanceBy(2 * HOUR);
    await vi.waitFor(async () => expect((await db.instances.get('control'))?.status).toBe('errored'), {
      timeout: 10_000,
    });
    expect((await db.instances.get('cf-1-replay'))?.status).toBe('waiting');
    expect(await db.journal.where('instanceId').equals('cf-1-replay').count()).toBe(kept);
    expect(await core.recover()).toMatchObject({ resumed: 0 });
    await expect(core.sendEvent('cf-1-replay', { type: 'approve' })).rejects.toThrow(
      'kept read-only so it never runs on the real clock',
    );
  });

  it('forgets the copy’s record when the copy cannot be kept, and says why', async () => {
    const db = new StudioDB(`replay-${Math.random().toString(36).slice(2)}`);
    const core = createTestCore({ runtime: oneWorkflowRuntime(body), db, clock: createVirtualClock(T0 + 5000) });
    cores.push(core);
    await db.cloudflareImports.add(record('cf-1'));
    await core.importJournal(await waitingJournal('cf-1'), 'f');
    const client = {
      importJournal: async () => {
        throw new Error('The browser’s storage is full');
      },
      replayOnVirtualClock: (r: { events: JournalEvent[]; source: string; filename: string }) =>
        core.replayOnVirtualClock(r),
    };
    const file = { id: 'f', name: 'wf.py', source: 'wf', workflows: [{ workflowName: 'wf', className: 'Wf' }] };
    await expect(replayImported({ client, db }, 'cf-1', file)).rejects.toThrow(
      'The replay of cf-1 ran but could not be kept as cf-1-replay: Error: The browser’s storage is full',
    );
    expect(await db.cloudflareImports.get('cf-1-replay')).toBeUndefined();
  });
});
