/**
 * Workflow code is untrusted (a share link, a sample): in the production build a workflow tries every name of the
 * executor worker's global scope that reaches the studio's storage, network or channels, and the routes around
 * Python's `js` module (src/runtime/__fixtures__/escape_probes.py). Each is refused with the one message, and the
 * instances that were there before are intact and still run.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { type JournalEvent, reduceJournal } from '../src/engine';
import { readInstance, run, waitForStatus, waitReady } from './executor-helpers';
import { callRow } from './history-helpers';
import { offOrigin, openStudio, recordErrors, recordRequests, snap } from './studio-helpers';

const PROBES = readFileSync('src/runtime/__fixtures__/escape_probes.py', 'utf8');
const REASON = 'in the studio: the studio keeps its data out of reach of the code it runs';

/** A workflow whose instances the probe must not touch: one step, then a wait for an event. */
const VICTIM = `from workers import WorkflowEntrypoint


class VictimWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("keep")
        async def keep():
            return {"order": event["payload"]["order"], "total": 42}

        kept = await keep()
        approval = await step.wait_for_event("approval", "approve", timeout="1 hour")
        return {"kept": kept, "approved_by": approval.payload["by"]}
`;

/** A journal without what the mirror may add later: the events as journaled. */
const events = (journal: JournalEvent[]) => journal.map(({ seq, type }) => ({ seq, type }));

test.describe('sandbox: workflow code cannot reach the studio', () => {
  test('a workflow trying every storage, network and channel name and escape route is refused each time; other journals stay intact', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    await openStudio(page);
    await waitReady(page);

    // Two instances of another file, one complete and one waiting for an event.
    await run(page, {
      source: VICTIM,
      workflowName: 'victim-workflow',
      id: 'victim-a',
      params: { order: 'A-1' },
      fileId: 'victims',
    });
    await run(page, {
      source: VICTIM,
      workflowName: 'victim-workflow',
      id: 'victim-b',
      params: { order: 'B-2' },
      fileId: 'victims',
    });
    await waitForStatus(page, 'victim-a', 'waiting');
    await waitForStatus(page, 'victim-b', 'waiting');
    await page.evaluate(() => window.__studio?.sendEvent('victim-a', { type: 'approve', payload: { by: 'ada' } }));
    await waitForStatus(page, 'victim-a', 'complete');
    const before = {
      a: await readInstance(page, 'victim-a'),
      b: await readInstance(page, 'victim-b'),
    };

    // The probes, through the UI's instance list: run, then look at the instance.
    await run(page, { source: PROBES, workflowName: 'escape-probes', id: 'probes', fileId: 'probes' });
    await waitForStatus(page, 'probes', 'complete', 60_000);
    const { summary, journal } = await readInstance(page, 'probes');
    expect(summary?.status).toBe('complete');
    const results = reduceJournal(journal).output as Record<string, string>;
    expect(Object.keys(results)).toHaveLength(32);
    for (const [probe, result] of Object.entries(results)) expect(result, probe).toContain(REASON);
    expect(results['js.indexedDB']).toBe(`JsRefusedError: workflow code cannot use js.indexedDB ${REASON}`);
    expect(results['js.navigator']).toBe(`JsRefusedError: workflow code cannot use js.navigator ${REASON}`);
    expect(results['js.postMessage']).toBe(`JsRefusedError: workflow code cannot use js.postMessage ${REASON}`);
    expect(results['js.importScripts']).toBe(`JsRefusedError: workflow code cannot use js.importScripts ${REASON}`);
    expect(results['constructor.constructor']).toContain(
      `workflow code cannot use js Function (code compiled from a string) ${REASON}`,
    );
    expect(journal.filter((e) => e.type === 'step-succeeded')).toHaveLength(32);

    // What the user sees: the instance, and a probe's result in the inspector.
    await page.getByTestId('instance-row').filter({ hasText: 'probes' }).click();
    await expect(page.getByTestId('toolbar-instance')).toContainText('complete');
    await callRow(page, 'js.indexedDB', 1).getByRole('button').first().click();
    const inspector = page.getByTestId('inspector-details');
    await expect(inspector.locator('.inspector__name')).toHaveText('js.indexedDB');
    await expect(inspector).toContainText(`workflow code cannot use js.indexedDB ${REASON}`);
    await snap(page, 'sandbox-probes-refused');

    // The other instances: journals unchanged, and the waiting one still runs to the end.
    const after = {
      a: await readInstance(page, 'victim-a'),
      b: await readInstance(page, 'victim-b'),
    };
    expect(after.a.journal).toEqual(before.a.journal);
    expect(after.b.journal).toEqual(before.b.journal);
    expect(reduceJournal(after.a.journal).output).toEqual({ kept: { order: 'A-1', total: 42 }, approved_by: 'ada' });
    await page.evaluate(() => window.__studio?.sendEvent('victim-b', { type: 'approve', payload: { by: 'bo' } }));
    await waitForStatus(page, 'victim-b', 'complete');
    const b = await readInstance(page, 'victim-b');
    expect(events(b.journal).slice(0, before.b.journal.length)).toEqual(events(before.b.journal));
    expect(reduceJournal(b.journal).output).toEqual({ kept: { order: 'B-2', total: 42 }, approved_by: 'bo' });
    expect(errors).toEqual([]);
  });

  test('a request from workflow code fails its step at once, naming method and URL, and nothing is sent', async ({
    page,
  }) => {
    const requests = recordRequests(page);
    await openStudio(page);
    await waitReady(page);
    const source = `from workers import WorkflowEntrypoint, fetch


class RatesWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("get rates")
        async def get_rates():
            response = await fetch("https://api.example.com/v1/rates?base=EUR")
            return await response.json()

        return await get_rates()
`;
    await run(page, { source, workflowName: 'rates-workflow', id: 'rates', fileId: 'rates' });
    await waitForStatus(page, 'rates', 'errored');
    const { journal } = await readInstance(page, 'rates');
    const failed = journal.filter((e) => e.type === 'attempt-failed');
    expect(failed).toHaveLength(1);
    const message =
      'fetch GET https://api.example.com/v1/rates?base=EUR was blocked: workflow code reaches only the origins you allow, and https://api.example.com is not one. Add a mock for it in the Mocks panel ("Mock this request" on this error), or run the workflow with the CLI and --allow-net https://api.example.com to reach it.';
    expect(failed[0]).toMatchObject({ error: { name: 'NonRetryableError', message } });

    await page.getByTestId('instance-row').filter({ hasText: 'rates' }).click();
    await expect(page.getByTestId('toolbar-instance')).toContainText('errored');
    await callRow(page, 'get rates', 1).getByRole('button').first().click();
    await expect(page.getByTestId('inspector-details')).toContainText(message);
    await snap(page, 'sandbox-fetch-blocked');
    expect(offOrigin(requests)).toEqual([]);
  });
});
