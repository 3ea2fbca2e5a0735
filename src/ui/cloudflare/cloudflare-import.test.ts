/**
 * Import and replay of Cloudflare's instance JSON in the studio, on the fixtures the CLI uses
 * (src/cli/__fixtures__/cf-*.json: the documented shape of GET …/instances/{id}, sources cited in
 * src/cli/replay-cloudflare.test.ts) and the workflow they ran (src/export/__fixtures__/order_workflow.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createEngine,
  createMemoryJournalStore,
  createVirtualClock,
  reduceJournal,
  runToIdle,
  summarizeJournal,
  type WorkflowBody,
  type WorkflowStep,
} from '../../engine';
import { isCloudflareText, openFileProblem, planCloudflareImport, workflowChoices } from './cloudflare-import';
import {
  continueProblem,
  forkEvents,
  replayEvents,
  replayVerdict,
  stoppedVerdict,
  workflowProblem,
} from './cloudflare-replay';

const read = (name: string) => ({ name, text: readFileSync(`src/cli/__fixtures__/${name}`, 'utf8') });
const ORDER = read('cf-order-a17.json');
const ORDERS = read('cf-orders.json');
const SOURCE = readFileSync('src/export/__fixtures__/order_workflow.py', 'utf8');
const RENAMED = readFileSync('src/export/__fixtures__/order_workflow_renamed.py', 'utf8');
const free = async () => false;

async function plan(files = [ORDER], taken: (id: string) => Promise<boolean> = free) {
  const p = await planCloudflareImport(files, 'order-workflow', taken);
  if (!p.ok) throw new Error(p.message);
  return p.instances;
}

describe('planCloudflareImport', () => {
  it('reads the envelope into one journal under the file’s name, with its record', async () => {
    const [one] = await plan();
    expect(one?.id).toBe('cf-order-a17');
    expect(reduceJournal(one?.events ?? [])).toMatchObject({ status: 'complete', workflowName: 'order-workflow' });
    expect(one?.record).toEqual({
      instanceId: 'cf-order-a17',
      label: 'cf-order-a17.json',
      versionId: '5f0c2a61-8d3e-4b7a-9f21-3c6d0e8b4a17',
      status: 'complete',
      trigger: 'api',
      truncated: [],
      stop: null,
      rollbacks: [],
    });
  });

  it('reads a list and several files; a truncated output is recorded with where the replay stops', async () => {
    const all = await plan([ORDERS, ORDER]);
    expect(all.map((i) => i.id)).toEqual(['order-b22', 'order-c31', 'cf-order-a17']);
    const c31 = all[1]?.record;
    expect(c31?.truncated).toEqual(['fetch_order-1']);
    expect(c31?.stop?.message).toContain('step?name=fetch_order-1&type=step');
  });

  it('takes a free id when the instance’s own is taken, here or earlier in the same import', async () => {
    const [a, b] = await plan([ORDER, ORDER], async (id) => id === 'cf-order-a17');
    expect([a?.id, b?.id]).toEqual(['cf-order-a17-imported', 'cf-order-a17-imported-2']);
    expect(new Set(b?.events.map((e) => e.instanceId))).toEqual(new Set(['cf-order-a17-imported-2']));
    expect(b?.record.instanceId).toBe('cf-order-a17-imported-2');
  });

  it('refuses the whole import with one message naming the file and the place', async () => {
    const bad = await planCloudflareImport([ORDER, { name: 'x.json', text: '{"status": "complete"' }], 'w', free);
    expect(bad).toEqual({ ok: false, message: expect.stringMatching(/^x\.json: not JSON \(/) });
    const foreign = await planCloudflareImport([{ name: 'y.json', text: '{"hello": 1}' }], 'w', free);
    expect(foreign).toEqual({
      ok: false,
      message: expect.stringMatching(/^y\.json: not a Cloudflare Workflows instance: expected the JSON of GET/),
    });
  });

  it('tells Cloudflare JSON from other files, and which class of the open file it can take', () => {
    expect(isCloudflareText(ORDER.text)).toBe(true);
    expect(isCloudflareText(ORDERS.text)).toBe(true);
    expect(isCloudflareText('{"format": "workflow-studio-journal"}')).toBe(false);
    expect(isCloudflareText('{')).toBe(false);
    expect(workflowChoices(SOURCE)).toEqual([{ className: 'OrderWorkflow', workflowName: 'order-workflow' }]);
    expect(openFileProblem('order_workflow.py', workflowChoices(SOURCE))).toBeNull();
    expect(openFileProblem('notes.py', workflowChoices('x = 1'))).toBe(
      "notes.py defines no WorkflowEntrypoint class: open the file that defines the workflow these instances ran (Cloudflare's JSON does not name its class), then import.",
    );
  });
});

/** order_workflow.py in TypeScript (the engine is the same), or with charge_card renamed; `ran`: bodies run. */
const orderBody =
  (charge: string, ran: string[] = []): WorkflowBody =>
  async ({ step }: { step: WorkflowStep }) => {
    const run = <T>(name: string, value: T) => {
      ran.push(name);
      return value;
    };
    const order = await step.do('fetch_order', () => run('fetch_order', { order: 'A-17', total: 42 }));
    const charged = await step.do(charge, () => run(charge, { charged: (order as { total: number }).total }));
    await step.sleep('cool off', '1 hour');
    return step.do('send_receipt', () =>
      run('send_receipt', `receipt for ${(charged as { charged: number }).charged}`),
    );
  };

/** Replays the imported instance as the executor resumes the replay copy: recovery, then run() from the top. */
async function replay(
  body: WorkflowBody,
  imported: Awaited<ReturnType<typeof plan>>[number],
  file?: { name: string; source: string },
) {
  const events = replayEvents(imported.events, 'r');
  const store = createMemoryJournalStore();
  await store.append('r', events, summarizeJournal(events));
  const clock = createVirtualClock((events.at(-1)?.at ?? 0) + 1);
  const engine = createEngine({ store, clock, resolveWorkflow: () => body, defer: (cb) => setImmediate(cb) });
  expect(replayVerdict('r', await store.read('r'), events.length)).toEqual({ verdict: 'running', replayId: 'r' });
  await engine.recover();
  await runToIdle(engine, clock, {});
  engine.dispose();
  return { verdict: replayVerdict('r', await store.read('r'), events.length, file), journal: await store.read('r') };
}

describe('replay against this code', () => {
  it('drops the termination and the run’s end, under the replay’s id', async () => {
    const [one] = await plan();
    const events = replayEvents(one?.events ?? [], 'r');
    expect(events.at(-1)?.type).toBe('step-succeeded');
    expect(events.every((e) => e.instanceId === 'r')).toBe(true);
  });

  it('is clean when the code makes the recorded calls: every step served, none run again', async () => {
    const [one] = await plan();
    const ran: string[] = [];
    const { verdict, journal } = await replay(orderBody('charge_card', ran), one as NonNullable<typeof one>);
    expect(verdict).toEqual({ verdict: 'clean', replayId: 'r', detail: null });
    expect(ran).toEqual([]);
    expect(reduceJournal(journal)).toMatchObject({ status: 'complete', output: 'receipt for 42' });
  });

  it('diverges where the code renamed a step, in the CLI’s words', async () => {
    const [one] = await plan();
    const { verdict } = await replay(orderBody('charge_payment'), one as NonNullable<typeof one>);
    expect(verdict).toEqual({
      verdict: 'diverged',
      replayId: 'r',
      detail: 'step do "charge_card" #1: expected it, got do "charge_payment" #1',
    });
    // With the code it ran, the call the code made instead is named with its line, as the CLI names it.
    const file = { name: 'order_workflow_renamed.py', source: RENAMED };
    const withLine = await replay(orderBody('charge_payment'), one as NonNullable<typeof one>, file);
    expect(withLine.verdict).toMatchObject({
      detail: 'step do "charge_card" #1: expected it, got do "charge_payment" #1 (order_workflow_renamed.py:10)',
    });
  });

  it('is no verdict yet while a run is evicted before it reached the recorded calls (a new step’s retry delay)', async () => {
    const [one] = await plan();
    const flaky: WorkflowBody = async ({ step }: { step: WorkflowStep }) => {
      await step.do('fetch_order', () => null);
      await step.do(
        'charge_payment',
        (ctx) => {
          if (ctx.attempt === 1) throw new Error('card declined, try again');
          return { charged: 42 };
        },
        { retries: { limit: 2, delay: '5 seconds', backoff: 'constant' } },
      );
      await step.sleep('cool off', '1 hour');
      return step.do('send_receipt', () => 'receipt for 42');
    };
    const { verdict, journal } = await replay(flaky, one as NonNullable<typeof one>);
    expect(verdict.verdict).toBe('diverged');
    const from = replayEvents(one?.events ?? [], 'r').length;
    const evicted = journal.findIndex((e, i) => i >= from && e.type === 'run-evicted');
    expect(evicted).toBeGreaterThan(from);
    expect(replayVerdict('r', journal.slice(0, evicted + 1), from)).toEqual({ verdict: 'running', replayId: 'r' });
  });

  it('says which workflow the open file must define when it does not', () => {
    const file = { name: 'notes.py', workflows: [{ workflowName: 'invoice-workflow', className: 'InvoiceWorkflow' }] };
    expect(workflowProblem(file, 'cf-order-a17', 'order-workflow')).toBe(
      'notes.py defines no workflow "order-workflow" (the one cf-order-a17 ran): it defines invoice-workflow (class InvoiceWorkflow). Open the file that defines it.',
    );
    expect(workflowProblem({ name: 'x.py', workflows: [] }, 'a', 'w')).toMatch(/it defines none\./);
    expect(
      workflowProblem(
        { ...file, workflows: [...file.workflows, { workflowName: 'order-workflow', className: 'O' }] },
        'a',
        'order-workflow',
      ),
    ).toBeNull();
  });

  it('does not replay past a truncated output: stopped, with the full-output request', async () => {
    const [, c31] = await plan([ORDERS]);
    expect(stoppedVerdict(c31?.record ?? { stop: null })).toEqual({
      verdict: 'stopped',
      replayId: null,
      detail: expect.stringContaining('the API truncated its output, so the replay stops before it'),
    });
    expect(stoppedVerdict({ stop: null })).toBeNull();
  });
});

describe('continue here', () => {
  it('forks with every time moved so the history ends now: the sleep has as long left as when it was recorded', async () => {
    const [b22] = await plan([ORDERS]);
    const events = b22?.events ?? [];
    const now = Date.UTC(2026, 11, 6);
    const fork = forkEvents(events, 'fork', now);
    expect(fork.every((e) => e.instanceId === 'fork')).toBe(true);
    expect(fork.at(-1)?.at).toBe(now);
    const by = now - (events.at(-1)?.at ?? 0);
    const sleep = (es: typeof events) => es.find((e) => e.type === 'sleep-started');
    const recorded = sleep(events);
    const moved = sleep(fork);
    if (recorded?.type !== 'sleep-started' || moved?.type !== 'sleep-started') throw new Error('no sleep');
    expect(moved.until).toBe(recorded.until + by);
    expect(moved.until - now).toBe(recorded.until - (events.at(-1)?.at ?? 0));
    expect(reduceJournal(fork).status).toBe(reduceJournal(replayEvents(events, 'fork')).status);
  });

  it('is refused for a finished instance and one whose history stops early, saying why', async () => {
    const [b22, c31] = await plan([ORDERS]);
    expect(continueProblem(b22?.record ?? { status: 'waiting', stop: null })).toBeNull();
    expect(continueProblem({ status: 'complete', stop: null })).toBe(
      'It is complete on Cloudflare: nothing is left to continue. Replay it against your code instead.',
    );
    expect(continueProblem({ status: 'waiting', stop: c31?.record.stop ?? null })).toMatch(
      /^Its history here stops early, so it cannot continue from Cloudflare's point: .*truncated its output/,
    );
  });
});
