/**
 * A file's mocks in the executor (real Pyodide, Dexie, real clock): loaded with the file, applied to its
 * instances' requests, replaced when only the mocks change (same source version), and kept with the loaded
 * source so a fresh executor replays the file's instances with them.
 */
import { describe, expect, it } from 'vitest';
import { type Json, reduceJournal, type StepSucceededEvent } from '../engine';
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
