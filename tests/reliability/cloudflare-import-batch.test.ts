/**
 * A Cloudflare import of several instances is all or nothing: when one fails partway through the batch (here
 * its id was taken after the dialog planned it), the instances the import already wrote are deleted again —
 * journal, summary, file link and Cloudflare record — and the message names the instance and why. Through the
 * executor core the UI's commands reach (fake-indexeddb in Node); fixture: src/cli/__fixtures__/cf-orders.json.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createVirtualClock, type JournalEvent } from '../../src/engine';
import type { ExecutorCore } from '../../src/executor/executor-core';
import { createTestCore, oneWorkflowRuntime } from '../../src/executor/test-core';
import { StudioDB } from '../../src/persistence';
import { planCloudflareImport } from '../../src/ui/cloudflare/cloudflare-import';
import { importPlanned } from '../../src/ui/cloudflare/import-instances';

const ORDERS = { name: 'cf-orders.json', text: readFileSync('src/cli/__fixtures__/cf-orders.json', 'utf8') };

const open: { core: ExecutorCore; db: StudioDB }[] = [];
afterEach(() => {
  for (const { core, db } of open.splice(0)) {
    core.dispose();
    db.close();
  }
});

function studio() {
  const db = new StudioDB(`cf-batch-${Math.random().toString(36).slice(2)}`);
  const core = createTestCore({ runtime: oneWorkflowRuntime(async () => null), db, clock: createVirtualClock(0) });
  open.push({ core, db });
  const client = {
    importJournal: async (req: { events: JournalEvent[]; fileId?: string }) => ({
      id: await core.importJournal(req.events, req.fileId),
    }),
    deleteInstances: (ids: string[]) => core.deleteInstances(ids),
  };
  return { db, core, client };
}

async function planned(db: StudioDB) {
  const plan = await planCloudflareImport([ORDERS], 'wf', async (id) => (await db.instances.get(id)) !== undefined);
  if (!plan.ok) throw new Error(plan.message);
  return plan.instances;
}

describe('importPlanned()', () => {
  it('imports every instance of the batch, each with its record and file link', async () => {
    const { db, client } = studio();
    expect(await importPlanned(client, db, await planned(db), 'file-1')).toEqual(['order-b22', 'order-c31']);
    expect((await db.instances.toArray()).map((i) => i.id).sort()).toEqual(['order-b22', 'order-c31']);
    expect((await db.cloudflareImports.toArray()).map((r) => r.instanceId).sort()).toEqual(['order-b22', 'order-c31']);
  });

  it('writes nothing when an instance fails partway through the batch, and says which and why', async () => {
    const { db, core, client } = studio();
    const plan = await planned(db);
    // Taken after the plan: another journal imported as order-c31 meanwhile.
    const other = plan[1]?.events as JournalEvent[];
    await core.importJournal(other);
    const before = await db.journal.where('instanceId').equals('order-c31').toArray();
    await expect(importPlanned(client, db, plan, 'file-1')).rejects.toThrow(
      /^cf-orders\.json\[1\]: order-c31 could not be imported: .*order-c31.*already exists/,
    );
    expect(await db.instances.get('order-b22')).toBeUndefined();
    expect(await db.journal.where('instanceId').equals('order-b22').count()).toBe(0);
    expect(await db.instanceFiles.get('order-b22')).toBeUndefined();
    expect(await db.cloudflareImports.count()).toBe(0);
    // The instance that took the id is left as it was.
    expect(await db.journal.where('instanceId').equals('order-c31').toArray()).toEqual(before);
  });
});
