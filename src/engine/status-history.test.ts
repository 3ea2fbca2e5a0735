import { describe, expect, it } from 'vitest';
import { reduceJournal } from './ledger';
import { statusHistory } from './status-history';
import { createHarness, T0 } from './test-harness';

const HOUR = 3_600_000;

describe('statusHistory()', () => {
  it('lists created → running → waiting → running → complete with the time and cause of each change', async () => {
    const h = createHarness({
      wf: async ({ step }) => {
        await step.do('a', () => 1);
        await step.sleep('nap', '1 hour');
        return 'done';
      },
    });
    await h.engine.binding('wf').create({ id: 'x' });
    await h.runToIdle();
    const changes = statusHistory(await h.journal('x'));
    expect(changes.map((c) => [c.status, c.cause, c.at - T0])).toEqual([
      ['queued', 'instance-created', 0],
      ['running', 'run-started', 0],
      ['waiting', 'sleep-started', 0],
      ['running', 'sleep-finished', HOUR],
      ['complete', 'run-finished', HOUR],
    ]);
    expect(changes[1]?.run).toEqual({ run: 1, reason: 'create' });
    expect(changes[3]?.run).toEqual({ run: 2, reason: 'wake' });
  });

  it('ends on the status reduceJournal derives, for every prefix of the journal (time travel)', async () => {
    const h = createHarness({
      wf: async ({ step }) => {
        await step.sleep('nap', '1 minute');
        await step.do(
          'boom',
          () => {
            throw new Error('no');
          },
          { retries: { limit: 1, delay: '1 second' } },
        );
      },
    });
    const handle = await h.engine.binding('wf').create({ id: 'x' });
    await h.runToIdle(T0 + 30_000);
    await handle.pause();
    await handle.resume();
    await h.runToIdle();
    const journal = await h.journal('x');
    for (let k = 1; k <= journal.length; k++) {
      const prefix = journal.slice(0, k);
      expect(statusHistory(prefix).at(-1)?.status).toBe(reduceJournal(prefix).status);
    }
    expect(statusHistory(journal).map((c) => c.status)).toContain('paused');
    expect(statusHistory(journal).at(-1)).toMatchObject({ status: 'errored', cause: 'run-errored' });
  });

  it('is empty for an empty journal', () => {
    expect(statusHistory([])).toEqual([]);
  });
});
