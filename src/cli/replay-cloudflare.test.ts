/**
 * `replay --from-cloudflare`. The instance JSON in __fixtures__/cf-*.json follows the documented shape of
 * Cloudflare's `GET /accounts/{account_id}/workflows/{workflow_name}/instances/{instance_id}` (
 * cloudflare-typescript/src/resources/workflows/instances/instances.ts, InstanceGetResponse; the envelope as in workers-sdk
 * packages/wrangler/src/__tests__/workflows.test.ts, "instances describe"), written for the order workflow of
 * src/export/__fixtures__/order_workflow.py: step names with the runtime's `-N` suffix, outputs as JSON text and
 * as JSON values, a retried attempt, a one-hour sleep that woke 650 ms late.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CloudflareVerdict } from './replay-cloudflare';
import { runReplayCommand } from './replay-command';
import { filePython, inProcess, runBin, tempFile } from './test-io';

const F = 'src/export/__fixtures__';
const C = 'src/cli/__fixtures__';
const ORDER = `${C}/cf-order-a17.json`;
const ORDERS = `${C}/cf-orders.json`;

const replayCommand = inProcess(runReplayCommand, filePython().deps);
const replay = (...argv: string[]) => replayCommand('--from-cloudflare', ...argv);

describe('workflow-studio replay --from-cloudflare', () => {
  it('exits 0 when the instance replays against unchanged code: every step served from the recorded outputs', async () => {
    const r = await replay(ORDER, `${F}/order_workflow.py`, '--json');
    expect(r.stderr).toBe('');
    expect(r.exit).toBe(0);
    const [v] = JSON.parse(r.stdout) as CloudflareVerdict[];
    expect(v).toMatchObject({ instance: 'cf-order-a17', verdict: 'clean', detail: null, truncated: [], rollbacks: [] });
    expect(v?.report).toMatchObject({
      status: 'complete',
      output: 'receipt for 42',
      replay: { divergences: [], notes: [], outputChanged: false, before: { status: 'complete' } },
    });
    // Nothing ran again: the charge's two recorded attempts are all there are.
    expect(v?.report?.steps.find((s) => s.name === 'charge_card')).toMatchObject({ attempts: 2, outcome: 'succeeded' });
  });

  it('exits 1 when the code diverges, naming the instance, the step and what differs', async () => {
    const r = await replay(ORDER, `${F}/order_workflow_renamed.py`);
    expect(r.stderr).toBe('');
    expect(r.exit).toBe(1);
    expect(r.stdout).toContain(
      `Replayed cf-order-a17 (order-workflow) from ${ORDER} against ${F}/order_workflow_renamed.py`,
    );
    expect(r.stdout).toContain(
      `expected do "charge_card" #1, got do "charge_payment" #1 (${F}/order_workflow_renamed.py:10).`,
    );
  });

  it('prints a table for several instances; a truncated output stops that instance and fails the run', async () => {
    const r = await replay(ORDER, ORDERS, `${F}/order_workflow_renamed.py`);
    expect(r.stderr).toBe('');
    expect(r.exit).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      `Replayed 3 Cloudflare instances against ${F}/order_workflow_renamed.py (one run each: Cloudflare does not expose its replays):`,
      'instance      verdict   first divergence',
      `cf-order-a17  diverged  step do "charge_card" #1: expected it, got do "charge_payment" #1 (${F}/order_workflow_renamed.py:10)`,
      `order-b22     diverged  step do "charge_card" #1: expected it, got do "charge_payment" #1 (${F}/order_workflow_renamed.py:10)`,
      `order-c31     stopped   ${ORDERS}[1]: steps[0] "fetch_order-1": the API truncated its output, so the replay stops before it (the full output: GET /accounts/{account_id}/workflows/{workflow_name}/instances/{instance_id}/step?name=fetch_order-1&type=step)`,
    ]);
    expect(lines).toContain('order-c31: outputs the API truncated: fetch_order-1');

    const same = await replay(ORDER, ORDERS, `${F}/order_workflow.py`, '--json');
    expect(same.exit).toBe(1);
    const verdicts = JSON.parse(same.stdout) as CloudflareVerdict[];
    expect(verdicts.map((v) => [v.instance, v.verdict])).toEqual([
      ['cf-order-a17', 'clean'],
      ['order-b22', 'clean'],
      ['order-c31', 'stopped'],
    ]);
  });

  it('exits 0 for several instances that all replay cleanly', async () => {
    const r = await replay(
      ORDER,
      tempFile('more.json', JSON.stringify([{ ...readOrder(), id: 'second' }])),
      `${F}/order_workflow.py`,
    );
    expect(r.stderr).toBe('');
    expect(r.exit).toBe(0);
    expect(r.stdout.split('\n').slice(1)).toEqual([
      'instance      verdict  first divergence',
      'cf-order-a17  clean    —',
      'second        clean    —',
      '',
    ]);
  });

  it('replays the calls a terminated instance made before its termination, and an unknown step type stops it', async () => {
    const order = readOrder();
    const steps = order.steps as unknown[];
    const terminated = {
      ...order,
      status: 'terminated',
      output: null,
      steps: [...steps.slice(0, 2), { type: 'termination', trigger: { source: 'api' } }],
    };
    const unknown = { ...order, id: 'odd', steps: [steps[0], { type: 'agentCall', name: 'ask-1' }, ...steps.slice(1)] };
    const r = await replay(
      tempFile('ended.json', JSON.stringify([terminated, unknown])),
      `${F}/order_workflow.py`,
      '--json',
    );
    expect(r.stderr).toBe('');
    expect(r.exit).toBe(1);
    const [ended, odd] = JSON.parse(r.stdout) as CloudflareVerdict[];
    expect(ended).toMatchObject({ instance: 'ended-0', verdict: 'clean', detail: null });
    expect(ended?.report?.replay.before.status).toBe('running');
    expect(odd).toMatchObject({
      instance: 'odd',
      verdict: 'stopped',
      report: null,
      detail: expect.stringContaining('steps[1] "ask-1": unknown step type "agentCall"'),
    });
  });

  it('exits 2 on bad input with one line and prints nothing else', async () => {
    const cases: [string[], string][] = [
      [[tempFile('x.json', '{"result": '), `${F}/order_workflow.py`], 'not JSON'],
      [[tempFile('x.json', '{"hello": 1}'), `${F}/order_workflow.py`], 'not a Cloudflare Workflows instance'],
      [
        [ORDER, tempFile('x.json', '[1]'), `${F}/order_workflow.py`],
        'x.json[0]: expected an instance JSON object, got 1',
      ],
      [[ORDER], 'expected Cloudflare instance JSON files, then the workflow file'],
      [[ORDER, ORDER, `${F}/order_workflow.py`], 'instance id "cf-order-a17" appears twice'],
      [[ORDER, `${F}/order_workflow.py`, '--class Nope'], '--class Nope is not a WorkflowEntrypoint subclass'],
    ];
    // Read as UTF-8 with replacement, a Latin-1 export replayed with "caf\ufffd" in its recorded values.
    const latin = tempFile(
      'latin.json',
      Uint8Array.from([...Buffer.from('{"result": "caf'), 0xe9, ...Buffer.from('"}')]),
    );
    cases.push([
      [latin, `${F}/order_workflow.py`],
      `error: cannot read ${latin}: it is not UTF-8 (byte 0xE9 at offset 15); save it as UTF-8\n`,
    ]);
    for (const [argv, message] of cases) {
      const r = await replay(...argv.flatMap((a) => a.split(' ')));
      expect(r.exit, message).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(message);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});

describe('workflow-studio replay --from-cloudflare (subprocess)', () => {
  it('exits 0, 1 and 2 from the real binary', async () => {
    const [clean, diverged, bad] = await Promise.all([
      runBin(['replay', '--from-cloudflare', ORDER, `${F}/order_workflow.py`]),
      runBin(['replay', '--from-cloudflare', ORDER, `${F}/order_workflow_renamed.py`]),
      runBin(['replay', '--from-cloudflare', `${F}/order-complete.journal.json`, `${F}/order_workflow.py`]),
    ]);
    expect([clean.exit, clean.stderr]).toEqual([0, '']);
    expect(clean.stdout).toContain('No divergence: the code made the calls the journal holds.');
    expect([diverged.exit, diverged.stderr]).toEqual([1, '']);
    expect(diverged.stdout).toContain('expected do "charge_card" #1, got do "charge_payment" #1');
    expect(bad).toEqual({
      exit: 2,
      stdout: '',
      stderr: `error: ${F}/order-complete.journal.json: this is a Workflow Studio journal, not Cloudflare's instance JSON; replay it without --from-cloudflare\n`,
    });
  }, 60_000);
});

function readOrder(): Record<string, unknown> {
  return (JSON.parse(readFileSync(ORDER, 'utf8')) as { result: Record<string, unknown> }).result;
}
