import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ReplayReport, runReplayCommand } from './replay-command';
import { runCli } from './run-command';
import { filePython, inProcess, tempFile, tempFolder } from './test-io';

const F = 'src/export/__fixtures__';
const ORDER_JOURNAL = `${F}/order-complete.journal.json`;
const INVOICE_JOURNAL = `${F}/invoice-errored.journal.json`;
const APPROVAL_JOURNAL = `${F}/approval-waiting.journal.json`;

const { deps } = filePython();
const replay = inProcess(runReplayCommand, deps);
const cli = inProcess(runCli, deps);

async function replayJson(...argv: string[]): Promise<{ exit: number; report: ReplayReport }> {
  const result = await replay(...argv, '--json');
  expect(result.stderr).toBe('');
  return { exit: result.exit, report: JSON.parse(result.stdout) as ReplayReport };
}

/** A copy of fixture `name` in a fresh directory with `from` replaced by `to`; returns its path. */
const editedFixture = (name: string, from: string, to: string): string =>
  tempFile(name, readFileSync(`${F}/${name}`, 'utf8').replace(from, to));
const journalValue = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

describe('workflow-studio replay', () => {
  it('prints what the replayed run() printed outside steps, only for the runs of the replay', async () => {
    const file = 'tests/conformance/cases/journal-03-run-prints-per-run.py';
    const journal = join(tempFolder(), 'prints.json');
    const ran = await cli('run', file, '--params', '{"who": "Ada"}', '--id', 'p1', '--journal', journal);
    expect(ran.exit).toBe(0);
    const result = await replay(journal, file);
    expect(result.exit).toBe(0);
    expect(result.stdout.split('\n').slice(-6)).toEqual([
      'print() in run(), outside steps:',
      '  run 3 (recovered, finished)',
      '    | before sleep',
      '    | after',
      'output: "hello Ada"',
      '',
    ]);
    const { report } = await replayJson(journal, file);
    expect(report.runOutput.map((r) => r.run)).toEqual([1, 2, 3]);
  });

  it('replays unchanged code without divergence and without running journaled steps again', async () => {
    const { exit, report } = await replayJson(ORDER_JOURNAL, `${F}/order_workflow.py`);
    expect(exit).toBe(0);
    expect(report).toMatchObject({
      id: 'order-a17',
      status: 'complete',
      output: 'receipt for 42',
      runs: 4,
      steps: [
        { name: 'fetch_order', attempts: 1, outcome: 'succeeded' },
        { name: 'charge_card', attempts: 2, outcome: 'succeeded' },
        { name: 'cool off', type: 'sleep', outcome: 'finished' },
        { name: 'send_receipt', attempts: 1, outcome: 'succeeded' },
      ],
      replay: { fromSeq: 21, before: { status: 'complete' }, divergences: [], outputChanged: false },
    });
  });

  it('reports where edited code diverges: expected vs got, with the line of the new call', async () => {
    const result = await replay(ORDER_JOURNAL, `${F}/order_workflow_renamed.py`);
    expect(result.exit).toBe(1);
    expect(result.stderr).toBe('');
    expect(
      result.stdout,
    ).toBe(`Replayed order-a17 (order-workflow) from ${ORDER_JOURNAL} against ${F}/order_workflow_renamed.py: 21 journal events, then run() again from the top.
Divergence in run 5 (seq 33): expected do "charge_card" #1, got do "charge_payment" #1 (${F}/order_workflow_renamed.py:10).
Now complete after 5 runs (journal: complete):
  do    fetch_order  succeeded (1 attempt)
  do    charge_card  succeeded (2 attempts)  <- orphaned by the divergence
  sleep cool off  finished
  do    send_receipt  succeeded (1 attempt)
  do    charge_payment  succeeded (2 attempts)  <- new in the replay
    1! ValueError: card declined, try again
output: "receipt for 42"
`);
    const { report } = await replayJson(ORDER_JOURNAL, `${F}/order_workflow_renamed.py`);
    expect(report.replay.divergences).toEqual([
      {
        // Run 4 made charge_payment and was evicted for its retry delay before reaching "cool off"; run 5
        // finished without charge_card, so only charge_card is missing, and "cool off" and send_receipt are
        // still the code's (served from the journal).
        run: 5,
        seq: 33,
        expected: { kind: 'do', name: 'charge_card', count: 1 },
        got: { kind: 'do', name: 'charge_payment', count: 1 },
        missing: [{ kind: 'do', name: 'charge_card', count: 1 }],
        gotLine: 10,
      },
    ]);
  });

  it('turns an errored journal complete once the bug in run() is fixed, serving the step from the journal', async () => {
    const { exit, report } = await replayJson(INVOICE_JOURNAL, `${F}/invoice_workflow_fixed.py`);
    expect(exit).toBe(0);
    expect(report).toMatchObject({
      status: 'complete',
      output: '120 EUR',
      error: null,
      steps: [{ name: 'load_invoice', attempts: 1, outcome: 'succeeded' }],
      replay: { before: { status: 'errored', error: { name: 'KeyError', message: "'amount'" } }, divergences: [] },
    });
  });

  it('uses the source saved in the journal when no file is given', async () => {
    const result = await replay(INVOICE_JOURNAL);
    expect(result.exit).toBe(1);
    expect(
      result.stdout,
    ).toBe(`Replayed invoice-7 (invoice-workflow) from ${INVOICE_JOURNAL} against invoice_workflow.py: 5 journal events, then run() again from the top.
No divergence: the code made the calls the journal holds.
Now errored after 2 runs (journal: errored):
  do    load_invoice  succeeded (1 attempt)
error: KeyError: 'amount'
`);
  });

  it('stops where the instance waits for an event again', async () => {
    const result = await replay(APPROVAL_JOURNAL, `${F}/approval_workflow.py`);
    expect(result.exit).toBe(1);
    expect(result.stdout).toContain('Now waiting after 2 runs (journal: waiting):');
    expect(result.stdout).toContain('waiting for an event of type "approved" (replay sends no events)\n');
  });

  it('notes an output that changed without a divergence', async () => {
    const file = editedFixture(
      'order_workflow.py',
      'return await send_receipt()',
      'return (await send_receipt()).upper()',
    );
    const result = await replay(ORDER_JOURNAL, file);
    expect(result.exit).toBe(0);
    expect(result.stdout).toContain('output: "RECEIPT FOR 42" (journal: "receipt for 42")\n');
  });

  it('replays a renamed class with --class', async () => {
    const file = editedFixture('invoice_workflow_fixed.py', 'class InvoiceWorkflow', 'class BillingFlow');
    const { exit, report } = await replayJson(INVOICE_JOURNAL, file, '--class', 'BillingFlow');
    expect(exit).toBe(0);
    expect(report).toMatchObject({ workflowName: 'invoice-workflow', status: 'complete', output: '120 EUR' });
  });

  it('reads a run --journal store, choosing the instance with --id when it holds several', async () => {
    const dir = tempFolder();
    const one = journalValue(INVOICE_JOURNAL);
    const two = journalValue(ORDER_JOURNAL);
    const store = {
      format: 'workflow-studio-journal',
      version: 1,
      instances: [
        { summary: one.instance, events: one.events },
        { summary: two.instance, events: two.events },
      ],
    };
    writeFileSync(join(dir, 'store.json'), JSON.stringify(store));
    const { exit, report } = await replayJson(
      join(dir, 'store.json'),
      `${F}/invoice_workflow_fixed.py`,
      '--id',
      'invoice-7',
    );
    expect(exit).toBe(0);
    expect(report).toMatchObject({ id: 'invoice-7', status: 'complete' });
    writeFileSync(join(dir, 'single.json'), JSON.stringify({ ...store, instances: [store.instances[0]] }));
    expect((await replayJson(join(dir, 'single.json'), `${F}/invoice_workflow_fixed.py`)).report.status).toBe(
      'complete',
    );
  });

  it('prints its usage with --help', async () => {
    const result = await replay('--help');
    expect(result.exit).toBe(0);
    expect(result.stdout).toMatch(/^Usage: workflow-studio replay JOURNAL.json \[FILE.py\]/);
  });
});

describe('workflow-studio replay: bad input', () => {
  const bad = async (argv: string[], message: string) =>
    expect(await replay(...argv)).toEqual({ exit: 2, stdout: '', stderr: `error: ${message}\n` });

  it('checks the command line', async () => {
    await bad([], 'missing journal file: workflow-studio replay JOURNAL.json [FILE.py]');
    await bad(
      ['a.json', 'b.py', 'c.py'],
      'expected a journal file and at most one workflow file, got 3: a.json b.py c.py',
    );
    await bad(
      [ORDER_JOURNAL, '--event', 'x:{}'],
      'unknown option --event; options are --class, --id, --json, --from-cloudflare',
    );
    await bad([ORDER_JOURNAL, '--class'], '--class needs a value, e.g. --class OrderWorkflow');
  });

  it('says why the journal cannot be used', async () => {
    await bad(
      [`${F}/nope.json`],
      `cannot read ${F}/nope.json: no such file; pass a journal file exported from the studio`,
    );
    const dir = tempFolder();
    writeFileSync(join(dir, 'latin.json'), Uint8Array.from([...Buffer.from('{"format": "caf'), 0xe9, 0x22, 0x7d]));
    await bad(
      [join(dir, 'latin.json')],
      `cannot read ${join(dir, 'latin.json')}: it is not UTF-8 (byte 0xE9 at offset 15); save it as UTF-8`,
    );
    writeFileSync(join(dir, 'half.json'), '{"format": "workflow-studio-journal", ');
    await bad(
      [join(dir, 'half.json')],
      `${join(dir, 'half.json')}: Not a journal file: it is not JSON (Expected double-quoted property name in JSON at position 38).`,
    );
    const gap = journalValue(ORDER_JOURNAL) as { events: { seq: number }[] };
    (gap.events[3] as { seq: number }).seq = 7;
    writeFileSync(join(dir, 'gap.json'), JSON.stringify(gap));
    await bad(
      [join(dir, 'gap.json')],
      `${join(dir, 'gap.json')}: Invalid journal file: events[3].seq: expected 4, got 7.`,
    );
    await bad([ORDER_JOURNAL, '--id', 'order-b2'], `--id order-b2: ${ORDER_JOURNAL} holds instance "order-a17"`);
    await bad(
      [APPROVAL_JOURNAL],
      `${APPROVAL_JOURNAL} holds no source; pass the workflow file: workflow-studio replay ${APPROVAL_JOURNAL} FILE.py`,
    );
    await bad(
      [`${F}/every-event-kind.journal.json`, `${F}/order_workflow.py`],
      'instance "kinds-1" was terminated; a terminated instance never runs again, so there is nothing to replay',
    );
  });

  it('says which instance of a run --journal store to pick', async () => {
    const dir = tempFolder();
    const one = journalValue(INVOICE_JOURNAL);
    const two = journalValue(ORDER_JOURNAL);
    const instances = [
      { summary: one.instance, events: one.events },
      { summary: two.instance, events: two.events },
    ];
    const path = join(dir, 'store.json');
    writeFileSync(path, JSON.stringify({ format: 'workflow-studio-journal', version: 1, instances }));
    await bad([path], `${path} holds 2 instances (invoice-7, order-a17); choose one with --id`);
    await bad([path, '--id', 'nope'], `--id nope is not in ${path}; it holds: invoice-7, order-a17`);
    writeFileSync(path, JSON.stringify({ format: 'workflow-studio-journal', version: 1, instances: [] }));
    await bad([path], `${path} holds no instances`);
  });

  it('says why the workflow file cannot be replayed', async () => {
    await bad(
      [ORDER_JOURNAL, `${F}/nope.py`],
      `cannot read ${F}/nope.py: no such file; pass the path of a Python workflow file`,
    );
    const dir = tempFolder();
    writeFileSync(
      join(dir, 'broken.py'),
      'from workers import WorkflowEntrypoint\n\nclass Flow(WorkflowEntrypoint)\n    pass\n',
    );
    await bad(
      [ORDER_JOURNAL, join(dir, 'broken.py')],
      `${join(dir, 'broken.py')}:3:31: SyntaxError: expected ':' (fix the syntax and replay again)`,
    );
    await bad(
      [ORDER_JOURNAL, `${F}/invoice_workflow.py`],
      `${F}/invoice_workflow.py defines no workflow "order-workflow" (the journal's); it defines: InvoiceWorkflow (invoice-workflow); pass --class NAME to replay with one of them`,
    );
    await bad(
      [ORDER_JOURNAL, `${F}/invoice_workflow.py`, '--class', 'OrderWorkflow'],
      `--class OrderWorkflow is not a WorkflowEntrypoint subclass in ${F}/invoice_workflow.py; it defines: InvoiceWorkflow (invoice-workflow)`,
    );
  });

  it('reports a changed sleep duration as a divergence (Cloudflare keys sleeps by duration), with a note', async () => {
    const file = editedFixture('order_workflow.py', '"1 hour"', '"2 hours"');
    const result = await replay(ORDER_JOURNAL, file);
    expect(result.exit).toBe(1);
    expect(result.stdout).toContain(
      `Divergence in run 4 (seq 24): expected sleep "cool off" #1, got it with another duration, another call on Cloudflare (${file}:17).`,
    );
    expect(result.stdout).toContain(
      'Note (run 4): sleep "cool off" now sleeps 7200000 ms; the journal holds 3600000 ms. Cloudflare keys a sleep by its name and duration, so this is a new sleep there: the journaled one is skipped and the new one sleeps the whole 7200000 ms.',
    );
  });

  it('notes an inserted step and a reordered one instead of saying nothing changed', async () => {
    const file = editedFixture(
      'order_workflow.py',
      '        await charge_card()\n',
      '        @step.do()\n        async def audit():\n            return "audited"\n\n        await audit()\n        await charge_card()\n',
    );
    const { exit, report } = await replayJson(ORDER_JOURNAL, file);
    expect(exit).toBe(0);
    expect(report.replay.divergences).toEqual([]);
    expect(report.replay.notes).toEqual([
      {
        run: 4,
        kind: 'inserted',
        call: { kind: 'do', name: 'audit', count: 1 },
        message:
          'do "audit" is new and ran before the journaled do "fetch_order"; journaled calls are served by key (on Cloudflare too), so it runs for real where it now stands.',
      },
    ]);
    const text = await replay(ORDER_JOURNAL, file);
    expect(text.stdout).toContain(
      'No divergence: every journaled call was made again (by key, as Cloudflare serves them), but see the notes.',
    );
  });
});
