/**
 * A workflow file's mocks applied by the Python runtime (one Pyodide for the file): HTTP rules answer
 * `workers.fetch` / `js.fetch` / `pyfetch` and each attempt's request list is journaled; step-result mocks
 * replace a step's function (value, or an error class, for the first N attempts); scripted events arrive after
 * a delay or once the instance waits for them.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { AttemptFailedEvent, Mocks, StepSucceededEvent } from '../engine';
import { parseMocks } from '../export';
import { HEADER, ofType, setupPythonRuntime } from './test-runtime';

const python = setupPythonRuntime();

function mocksOf(document: unknown): Mocks {
  const parsed = parseMocks(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.mocks;
}

async function runWith(source: string, document: unknown) {
  const h = python.harness(source, { mocks: mocksOf(document) });
  const workflow = h.module.workflows[0];
  if (!workflow) throw new Error('no workflow');
  await h.engine.binding(workflow.workflowName).create({ id: 'i1' });
  const view = await h.run('i1');
  return { view, journal: await h.journal('i1') };
}

const FLAKY = `${HEADER}
from workers import fetch
from js import fetch as js_fetch
from pyodide.http import pyfetch

class Flaky(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("rates", config={"retries": {"limit": 3, "delay": "1 second", "backoff": "exponential"}})
        async def rates():
            response = await fetch("https://api.example.com/rates?base=EUR")
            if not response.ok:
                raise ConnectionError(f"rates answered {response.status}")
            return (await response.json())["eur"]

        @step.do("other ways")
        async def other_ways():
            a = await js_fetch("https://api.example.com/ping")
            b = await pyfetch("https://api.example.com/ping", method="POST")
            return [a.status, await b.text()]

        return [await rates(), await other_ways()]
`;

describe('file mocks in the Python runtime', () => {
  it('answers fetch from the HTTP rules, fails the first calls, and journals each attempt’s requests', async () => {
    const { view, journal } = await runWith(FLAKY, {
      http: [
        { label: 'rates', method: 'GET', url: 'https://api.example.com/rates*', json: { eur: 1.08 }, failFirst: 2 },
        { url: 'https://api.example.com/ping', text: 'pong' },
      ],
    });
    expect(view.status).toBe('complete');
    expect(view.output).toEqual([1.08, [200, 'pong']]);
    const failed = ofType(journal, 'attempt-failed') as AttemptFailedEvent[];
    expect(failed.map((e) => [e.attempt, e.error.name, e.error.message])).toEqual([
      [1, 'ConnectionError', 'rates answered 503'],
      [2, 'ConnectionError', 'rates answered 503'],
    ]);
    expect(failed.map((e) => e.retryAt !== null && e.retryAt - e.at)).toEqual([1000, 2000]);
    const rates = { method: 'GET', url: 'https://api.example.com/rates?base=EUR', outcome: 'mock', mock: 'rates' };
    expect(failed.map((e) => e.requests?.map(({ ms: _, ...r }) => r))).toEqual([
      [{ ...rates, status: 503 }],
      [{ ...rates, status: 503 }],
    ]);
    const done = ofType(journal, 'step-succeeded') as StepSucceededEvent[];
    expect(done.map((e) => e.requests?.map((r) => `${r.method} ${r.url} ${r.status} ${r.mock}`))).toEqual([
      ['GET https://api.example.com/rates?base=EUR 200 rates'],
      ['GET https://api.example.com/ping 200 http[1]', 'POST https://api.example.com/ping 200 http[1]'],
    ]);
  }, 60_000);

  it('journals a blocked request in the request list of its attempt', async () => {
    const { journal } = await runWith(FLAKY, { http: [{ url: 'https://elsewhere.example/*' }] });
    const failed = ofType(journal, 'attempt-failed') as AttemptFailedEvent[];
    expect(failed).toHaveLength(1);
    expect(failed[0]?.requests).toMatchObject([
      { method: 'GET', url: 'https://api.example.com/rates?base=EUR', outcome: 'blocked' },
    ]);
    expect(failed[0]?.requests?.[0]?.error).toBe(failed[0]?.error.message);
  }, 60_000);

  it('lets the file’s code reach the origins its mocks allow (allowNet), after the rules', async () => {
    const server = createServer((req, res) => res.writeHead(200).end(`real ${req.url}`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { view } = await runWith(
        `${HEADER}
from workers import fetch

class Real(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("both")
        async def both():
            mocked = await (await fetch("${origin}/mocked")).text()
            real = await (await fetch("${origin}/real")).text()
            return [mocked, real]

        return await both()
`,
        { http: [{ url: `${origin}/mocked`, text: 'from the mock' }], allowNet: [origin] },
      );
      expect(view.output).toEqual(['from the mock', 'real /real']);
    } finally {
      server.close();
    }
  }, 60_000);

  it('replaces a step’s function with a value or an error class, for the first N attempts', async () => {
    const { view, journal } = await runWith(
      `${HEADER}
class Steps(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("charge")
        async def charge():
            return "real charge"

        @step.do("notify", config={"retries": {"limit": 2, "delay": 0}})
        async def notify():
            return "sent"

        @step.do("ship")
        async def ship():
            return "real ship"

        @step.do("refund", config={"retries": {"limit": 0, "delay": 0}})
        async def refund():
            return "refunded"

        out = [await charge(), await notify(), await ship(), await ship()]
        try:
            await refund()
        except Exception as exc:
            out.append(f"{type(exc).__name__}: {exc}")
        return out
`,
      {
        steps: {
          charge: { value: { charged: 42 } },
          notify: { raise: 'ConnectionError', message: 'smtp down', times: 2 },
          'ship#2': { value: 'mocked second ship' },
          refund: { raise: 'PaymentDeclined', message: 'card expired' },
        },
      },
    );
    expect(view.output).toEqual([
      { charged: 42 },
      'sent',
      'real ship',
      'mocked second ship',
      // As on Cloudflare: a step's own exception class reaches run() folded by the RPC (docs/semantics.md).
      'JsException: Error: PythonError: PaymentDeclined: card expired\n',
    ]);
    const failed = ofType(journal, 'attempt-failed') as AttemptFailedEvent[];
    expect(failed.map((e) => `${e.name}#${e.attempt} ${e.error.name}: ${e.error.message}`)).toEqual([
      'notify#1 ConnectionError: smtp down',
      'notify#2 ConnectionError: smtp down',
      'refund#1 PaymentDeclined: card expired',
    ]);
  }, 60_000);

  it('sends scripted events: one after a delay from creation, one when the instance waits for it', async () => {
    const { view, journal } = await runWith(
      `${HEADER}
class Events(WorkflowEntrypoint):
    async def run(self, event, step):
        approved = await step.wait_for_event("approval", "approved", timeout="1 hour")
        shipped = await step.wait_for_event("shipping", "shipped", timeout="1 hour")
        return [approved["payload"], shipped["payload"], int(time.time() - event["timestamp"].timestamp())]
`,
      {
        events: [
          { type: 'approved', payload: { by: 'ada' }, after: '10 minutes' },
          { type: 'shipped', payload: { carrier: 'ups' }, when: 'waiting' },
        ],
      },
    );
    expect(view.status).toBe('complete');
    expect(view.output).toEqual([{ by: 'ada' }, { carrier: 'ups' }, 600]);
    expect(ofType(journal, 'event-buffered').map((e) => e.eventType)).toEqual(['approved', 'shipped']);
  }, 60_000);
});
