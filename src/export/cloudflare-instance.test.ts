/**
 * Fixtures built from the documented shapes of Cloudflare's instance JSON:
 * - cloudflare-typescript/src/resources/workflows/instances/instances.ts: InstanceGetResponse (status, params,
 *   trigger, versionId, queued/start/end, output `string | number`, error {name, message}, steps of type
 *   step {attempts[{start, end, success, error}], config {retries {limit, delay, backoff}, timeout}, output},
 *   sleep {start, end, finished}, termination {trigger.source}, waitForEvent {start, end, finished, error, output});
 * - workers-sdk, packages/wrangler/src/__tests__/workflows.test.ts, "instances describe": the API envelope
 *   {success, errors, messages, result} with a waitForEvent step and a step whose attempt has an error;
 * - workers-sdk, packages/miniflare/src/workers/local-explorer/resources/workflows.ts: the Local Explorer's
 *   instance JSON (`step_count`, a received wait's output `{type, payload, timestamp}`, a timed-out wait's error)
 *   and packages/local-explorer-ui/src/components/workflows/types.ts (step names carry a `-N` counter suffix).
 * The `rollback` step type is named in issue 23 with the step shape; no public type declares it yet.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_STEP_CONFIG, reduceJournal } from '../engine';
import {
  type CloudflareImportOptions,
  parseCloudflareInstances,
  readOutput,
  splitStepName,
} from './cloudflare-instance';
import { parseIsoTime } from './cloudflare-instance-schema';
import { buildJournalFile, parseJournalValue } from './journal-file';

const opts: CloudflareImportOptions = {
  label: 'order.json',
  workflowName: 'order-workflow',
  defaultConfig: DEFAULT_STEP_CONFIG,
  idFor: (i) => (i === null ? 'order' : `order-${i}`),
};
const T = (s: number) => `2026-11-20T10:00:${String(s).padStart(2, '0')}.000Z`;
const config = { retries: { limit: 3, delay: '1 second', backoff: 'constant' }, timeout: '1 minute' };

/** Retries then success, a NonRetryableError, a sleep, a timed-out wait: an errored instance. */
const errored = {
  success: true,
  errors: [],
  messages: [],
  result: {
    status: 'errored',
    params: { order: 'A-17' },
    trigger: { source: 'api' },
    versionId: '14707576-2549-4848-82ed-f68f8a1b47c7',
    queued: T(0),
    start: T(1),
    end: T(40),
    output: '',
    error: { name: 'Error', message: 'charge failed' },
    steps: [
      {
        type: 'step',
        name: 'reserve-1',
        start: T(1),
        end: T(5),
        success: true,
        config,
        output: '{"sku":"X","qty":2}',
        attempts: [
          { start: T(1), end: T(2), success: false, error: { name: 'Error', message: 'busy' } },
          { start: T(3), end: T(5), success: true, error: null },
        ],
      },
      { type: 'sleep', name: 'cool-off-1', start: T(5), end: T(15), finished: true, error: null },
      {
        type: 'waitForEvent',
        name: 'approval-1',
        start: T(15),
        end: T(25),
        finished: true,
        error: { name: 'WorkflowTimeoutError', message: 'Execution timed out after 10000ms' },
        output: null,
      },
      {
        type: 'step',
        name: 'charge-1',
        start: T(25),
        end: T(26),
        success: false,
        config,
        output: null,
        attempts: [
          { start: T(25), end: T(26), success: false, error: { name: 'NonRetryableError', message: 'card declined' } },
        ],
      },
      {
        type: 'rollback',
        name: 'reserve-1',
        start: T(27),
        end: T(28),
        success: true,
        config,
        output: null,
        attempts: [{ start: T(27), end: T(28), success: true, error: null }],
      },
    ],
  },
};

function one(value: unknown) {
  const r = parseCloudflareInstances(value, opts);
  if (!r.ok) throw new Error(r.message);
  expect(r.instances).toHaveLength(1);
  return r.instances[0] as NonNullable<(typeof r.instances)[0]>;
}

function bad(value: unknown): string {
  const r = parseCloudflareInstances(value, opts);
  if (r.ok) throw new Error('expected a refusal');
  return r.message;
}

describe('parseCloudflareInstances', () => {
  it('converts retries, a sleep, a timed-out wait and a NonRetryableError into a journal the reader accepts', () => {
    const imp = one(errored);
    const types = imp.events.map((e) => e.type);
    expect(types).toEqual([
      'instance-created',
      'run-started',
      'step-started',
      'attempt-started',
      'attempt-failed',
      'attempt-started',
      'step-succeeded',
      'sleep-started',
      'sleep-finished',
      'wait-started',
      'wait-timed-out',
      'step-started',
      'attempt-started',
      'attempt-failed',
      'step-failed',
      'run-errored',
    ]);
    const file = buildJournalFile({ instance: imp.summary, events: imp.events, exportedAt: T(59) });
    const back = parseJournalValue(JSON.parse(JSON.stringify(file)));
    expect(back.ok ? 'ok' : back.message).toBe('ok');
    const view = reduceJournal(imp.events);
    expect(view.status).toBe('errored');
    expect(view.params).toEqual({ order: 'A-17' });
    const reserve = view.calls.find((c) => c.kind === 'do' && c.name === 'reserve');
    expect(reserve?.kind === 'do' && reserve.result).toEqual({ sku: 'X', qty: 2 });
    expect(reserve?.kind === 'do' && reserve.attempts.map((a) => a.error?.message ?? 'ok')).toEqual(['busy', 'ok']);
    const failed = imp.events.find((e) => e.type === 'attempt-failed' && e.name === 'reserve');
    expect(failed?.type === 'attempt-failed' && failed.retryAt).toBe(parseIsoTime(T(3)));
    const charge = imp.events.find((e) => e.type === 'step-failed');
    expect(charge?.type === 'step-failed' && charge.error).toEqual({
      name: 'NonRetryableError',
      message: 'card declined',
    });
    const wait = imp.events.find((e) => e.type === 'wait-started');
    expect(wait?.type === 'wait-started' && wait.timeoutMs).toBe(10_000);
    const sleep = imp.events.find((e) => e.type === 'sleep-started');
    expect(sleep?.type === 'sleep-started' && sleep.durationMs).toBe(10_000);
    expect(imp.rollbacks).toEqual(['reserve-1']);
    expect(imp.stop).toBeNull();
    expect(imp.summary).toMatchObject({ id: 'order', status: 'errored', steps: 2, runs: 1 });
    expect(imp.versionId).toBe('14707576-2549-4848-82ed-f68f8a1b47c7');
  });

  it('reads a received wait (Local Explorer output) and a terminated instance from a bare result', () => {
    const imp = one({
      status: 'terminated',
      params: {},
      queued: T(0),
      start: T(0),
      end: T(9),
      output: null,
      error: null,
      step_count: 2,
      steps: [
        {
          type: 'waitForEvent',
          name: 'approval-1',
          start: T(1),
          end: T(2),
          finished: true,
          error: null,
          output: { type: 'approved', payload: { by: 'ana' }, timestamp: 1795600000000 },
        },
        { type: 'termination', trigger: { source: 'api' } },
      ],
    });
    expect(imp.events.map((e) => e.type).slice(2)).toEqual([
      'wait-started',
      'event-buffered',
      'event-received',
      'terminated',
    ]);
    const view = reduceJournal(imp.events);
    expect(view.status).toBe('terminated');
    const buffered = imp.events.find((e) => e.type === 'event-buffered');
    expect(buffered?.type === 'event-buffered' && [buffered.eventType, buffered.payload]).toEqual([
      'approved',
      { by: 'ana' },
    ]);
  });

  it('marks a truncated output and stops the journal before that step, naming the full-output endpoint', () => {
    const imp = one({
      ...errored.result,
      status: 'complete',
      error: null,
      steps: [{ ...errored.result.steps[0], name: 'report-1', output: '{"rows":[1,2,3,' }, errored.result.steps[1]],
    });
    expect(imp.truncated).toEqual(['report-1']);
    expect(imp.stop?.reason).toBe('truncated-output');
    expect(imp.stop?.message).toBe(
      'order.json: steps[0] "report-1": the API truncated its output, so the replay stops before it (the full output: GET /accounts/{account_id}/workflows/{workflow_name}/instances/{instance_id}/step?name=report-1&type=step)',
    );
    expect(imp.events.some((e) => e.type === 'step-succeeded' || e.type === 'sleep-started')).toBe(false);
    expect(imp.events.at(-1)?.type).toBe('run-started');
  });

  it('keeps an unknown step type and stops the journal there', () => {
    const imp = one({ ...errored.result, steps: [errored.result.steps[0], { type: 'agentCall', name: 'ask-1' }] });
    expect(imp.stop?.message).toBe(
      'order.json: steps[1] "ask-1": unknown step type "agentCall" (known: step, sleep, waitForEvent, termination, rollback); the replay stops before it',
    );
    expect(imp.events.filter((e) => e.type === 'step-succeeded')).toHaveLength(1);
    expect(imp.events.some((e) => e.type === 'run-errored')).toBe(false);
  });

  it('reads a list of results, each with its own id', () => {
    const r = parseCloudflareInstances([errored, { ...errored.result, id: 'given' }], opts);
    expect(r.ok && r.instances.map((i) => [i.label, i.summary.id])).toEqual([
      ['order.json[0]', 'order-0'],
      ['order.json[1]', 'given'],
    ]);
  });

  it('refuses foreign or malformed JSON with one message that says what and where', () => {
    expect(bad({ hello: 1 })).toMatch(/^order\.json: not a Cloudflare Workflows instance: expected the JSON of GET/);
    expect(bad({ format: 'workflow-studio-journal' })).toBe(
      "order.json: this is a Workflow Studio journal, not Cloudflare's instance JSON; replay it without --from-cloudflare",
    );
    expect(
      bad({ success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null }),
    ).toBe('order.json: the Cloudflare API answered with an error (success: false): 10000 Authentication error');
    expect(bad({ ...errored, result: { ...errored.result, queued: 'yesterday' } })).toBe(
      'order.json: result.queued: expected an ISO 8601 date-time, got "yesterday"',
    );
    const noAttempts = { ...errored.result.steps[0], attempts: undefined };
    expect(bad({ ...errored.result, steps: [noAttempts] })).toMatch(/^order\.json: steps\[0\]\.attempts: /);
    expect(bad([errored, 7])).toBe('order.json[1]: expected an instance JSON object, got 7');
    expect(bad([])).toBe('order.json: an empty list; expected instance JSON objects');
  });
});

describe('helpers', () => {
  it('reads outputs as JSON values or JSON text; cut-off JSON text is truncated', () => {
    expect(readOutput({ a: 1 })).toEqual({ value: { a: 1 }, truncated: false });
    expect(readOutput('{"a":1}')).toEqual({ value: { a: 1 }, truncated: false });
    expect(readOutput('plain words')).toEqual({ value: 'plain words', truncated: false });
    expect(readOutput('["a", "b"')).toEqual({ value: null, truncated: true });
    expect(readOutput(42)).toEqual({ value: 42, truncated: false });
  });
  it('splits the runtime counter suffix off step names', () => {
    expect(splitStepName('charge-2')).toEqual({ name: 'charge', count: 2 });
    expect(splitStepName('charge')).toEqual({ name: 'charge', count: 1 });
    expect(splitStepName('fetch-page-10')).toEqual({ name: 'fetch-page', count: 10 });
  });
  it('parses ISO 8601 times without Date', () => {
    expect(parseIsoTime('2026-11-20T10:00:01.250Z')).toBe(Date.UTC(2026, 10, 20, 10, 0, 1, 250));
    expect(parseIsoTime('2024-02-29T23:59:59+02:00')).toBe(Date.UTC(2024, 1, 29, 21, 59, 59));
    expect(parseIsoTime('not a date')).toBeNull();
  });
});
