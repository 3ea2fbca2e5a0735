/**
 * A file's mocks in the executor (real Pyodide, Dexie, real clock): loaded with the file, applied to its
 * instances' requests, replaced when only the mocks change (same source version), and kept with the loaded
 * source so a fresh executor replays the file's instances with them; its scripted events, neither lost nor sent
 * twice when the executor ends (a reload) before or after they were due.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  type EventBufferedEvent,
  type JournalEvent,
  type Json,
  reduceJournal,
  type StepSucceededEvent,
} from '../engine';
import { parseMocks } from '../export';
import { StudioDB } from '../persistence';
import { boot, freshDb, journal, setUpExecutors, waitForStatus } from './test-boot';

setUpExecutors();

const RATES = `from workers import WorkflowEntrypoint, fetch

class Rates(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("rates")
        async def rates():
            return (await (await fetch("https://api.example.com/rates")).json())["usd"]

        return await rates()
`;

const mocksAnswering = (usd: Json) => {
  const parsed = parseMocks({ http: [{ label: 'rates', url: 'https://api.example.com/*', json: { usd } }] });
  if (!parsed.ok) throw new Error('bad mocks');
  return parsed.mocks;
};

describe('executor with a file’s mocks', () => {
  it('answers an instance’s request from the file’s mocks, takes new mocks for the same version, and stores them', async () => {
    const dbName = freshDb();
    const { executor } = await boot(dbName);
    const file = { fileId: 'f1', version: 1, name: 'rates.py', source: RATES };
    await executor.core.loadSource({ ...file, mocks: mocksAnswering(1.08) });
    const [first] = await executor.core.create({ fileId: 'f1', workflowName: 'rates' });
    await waitForStatus(dbName, first as string, 'complete');
    expect(reduceJournal(await journal(dbName, first as string)).output).toBe(1.08);
    const done = (await journal(dbName, first as string)).find((e) => e.type === 'step-succeeded');
    expect((done as StepSucceededEvent).requests).toMatchObject([
      { method: 'GET', url: 'https://api.example.com/rates', outcome: 'mock', status: 200, mock: 'rates' },
    ]);

    await executor.core.loadSource({ ...file, mocks: mocksAnswering(1.1) });
    const [second] = await executor.core.create({ fileId: 'f1', workflowName: 'rates' });
    await waitForStatus(dbName, second as string, 'complete');
    expect(reduceJournal(await journal(dbName, second as string)).output).toBe(1.1);
    const db = new StudioDB(dbName);
    expect((await db.loadedSources.get('f1'))?.mocks?.http[0]?.body).toEqual({ json: { usd: 1.1 } });
    db.close();

    await executor.core.loadSource(file);
    const [third] = await executor.core.create({ fileId: 'f1', workflowName: 'rates' });
    await waitForStatus(dbName, third as string, 'errored');
    const failed = (await journal(dbName, third as string)).find((e) => e.type === 'attempt-failed');
    expect(failed).toMatchObject({ error: { name: 'NonRetryableError' }, requests: [{ outcome: 'blocked' }] });
  }, 60_000);
});

const APPROVAL = `from workers import WorkflowEntrypoint

class Approval(WorkflowEntrypoint):
    async def run(self, event, step):
        approved = await step.wait_for_event("approval", "approved", timeout="1 hour")
        shipped = await step.wait_for_event("shipping", "shipped", timeout="1 hour")
        await step.sleep("nap", "1 hour")
        return [approved["payload"], shipped["payload"]]
`;

/** Events sent after `afterMs` and when the instance waits for "shipped". */
const scripted = (afterMs: number) => {
  const parsed = parseMocks({
    events: [
      { type: 'approved', payload: { by: 'ada' }, after: afterMs },
      { type: 'shipped', payload: { carrier: 'ups' }, when: 'waiting' },
    ],
  });
  if (!parsed.ok) throw new Error('bad mocks');
  return parsed.mocks;
};

const sent = (events: JournalEvent[]) =>
  events.filter((e): e is EventBufferedEvent => e.type === 'event-buffered').map((e) => `${e.eventType} ${e.scripted}`);

async function journalUntil(dbName: string, id: string, done: (events: JournalEvent[]) => boolean) {
  let events: JournalEvent[] = [];
  await vi.waitFor(
    async () => {
      events = await journal(dbName, id);
      expect(done(events)).toBe(true);
    },
    { timeout: 20_000, interval: 20 },
  );
  return events;
}

/**
 * An Approval instance (its "approved" event scripted `afterMs` after creation) waiting for its first event
 * when its executor ends: the page reloads or closes.
 */
async function endedWhileWaiting(afterMs: number) {
  const dbName = freshDb();
  const first = await boot(dbName);
  await first.executor.core.loadSource({
    fileId: 'f',
    version: 1,
    name: 'a.py',
    source: APPROVAL,
    mocks: scripted(afterMs),
  });
  const [id] = (await first.executor.core.create({ fileId: 'f', workflowName: 'approval' })) as [string];
  await journalUntil(dbName, id, (events) => events.some((e) => e.type === 'wait-started'));
  first.executor.core.dispose();
  return { dbName, id };
}

describe('scripted events across a reload', () => {
  it('a delayed event not yet due when the executor ends is sent by the next one at its original due time', async () => {
    const { dbName, id } = await endedWhileWaiting(5000); // the page reloads before the delay has passed
    expect(sent(await journal(dbName, id))).toEqual([]);

    const second = await boot(dbName);
    expect(await second.executor.core.recover()).toMatchObject({ resumed: 1 });
    const events = await journalUntil(dbName, id, (events) => events.some((e) => e.type === 'sleep-started'));
    expect(sent(events)).toEqual(['approved events[0]', 'shipped events[1]']);
    const created = events[0]?.at ?? 0;
    const approved = events.find((e) => e.type === 'event-buffered' && e.eventType === 'approved');
    expect((approved?.at ?? 0) - created).toBeGreaterThanOrEqual(5000);
    expect((approved?.at ?? 0) - created).toBeLessThan(12_000);
  }, 60_000);

  it('one due during the reload is sent at once, and no scripted event is sent twice by a later executor', async () => {
    const { dbName, id } = await endedWhileWaiting(1000);
    await new Promise((r) => setTimeout(r, 1200)); // the delay passes while no executor runs

    const second = await boot(dbName);
    const recoveredAt = Date.now();
    await second.executor.core.recover();
    let events = await journalUntil(dbName, id, (events) => events.some((e) => e.type === 'sleep-started'));
    const approved = events.find((e) => e.type === 'event-buffered' && e.eventType === 'approved');
    expect((approved?.wall ?? 0) - recoveredAt).toBeLessThan(2000);
    second.executor.core.dispose(); // reloaded again, after both were sent, mid-sleep

    // The third replays both waits (Skip wait ends the sleep): neither event goes out again.
    const third = await boot(dbName);
    await third.executor.core.recover();
    await third.executor.core.skipWait(id);
    await waitForStatus(dbName, id, 'complete');
    events = await journal(dbName, id);
    expect(reduceJournal(events).output).toEqual([{ by: 'ada' }, { carrier: 'ups' }]);
    expect(sent(events)).toEqual(['approved events[0]', 'shipped events[1]']);
  }, 60_000);
});
