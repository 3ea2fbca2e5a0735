/**
 * The export, graph and replay commands through the real binary (`node bin/workflow-studio.mjs`): exit codes,
 * stdout and the one-line stderr message, as a shell script would see them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, tempFile, tempFolder } from './test-io';

const F = 'src/export/__fixtures__';

describe('workflow-studio export | graph | replay (subprocess)', () => {
  it('export writes the project and exits 0; bad input exits 2 with one line on stderr', async () => {
    const out = join(tempFolder(), 'order-worker');
    const [ok, bad] = await Promise.all([
      runBin(['export', `${F}/order_workflow.py`, '--out', out]),
      runBin(['export', `${F}/order_workflow.py`]),
    ]);
    expect(ok.exit).toBe(0);
    expect(ok.stdout).toContain(`Exported ${F}/order_workflow.py to ${out} (Worker "order-workflow"):`);
    expect(existsSync(join(out, 'wrangler.jsonc'))).toBe(true);
    expect(readFileSync(join(out, 'src/entry.py'), 'utf8')).toContain('class OrderWorkflow(WorkflowEntrypoint):');
    expect(bad).toEqual({
      exit: 2,
      stdout: '',
      stderr: 'error: missing --out DIR: the directory to write the project to, e.g. --out order-worker\n',
    });
  });

  it('graph --json prints the analysis and exits 0, or 1 on an error diagnostic', async () => {
    const file = tempFile('flow.py', 'print("no workflow here")\n');
    const [ok, flagged, missing] = await Promise.all([
      runBin(['graph', `${F}/order_workflow.py`, '--json']),
      runBin(['graph', file]),
      runBin(['graph']),
    ]);
    expect(ok.exit).toBe(0);
    expect(JSON.parse(ok.stdout).workflows[0].className).toBe('OrderWorkflow');
    expect(flagged.exit).toBe(1);
    expect(flagged.stdout).toContain(`${file}:1:1: error WS001 No class extends WorkflowEntrypoint.`);
    expect(missing).toEqual({
      exit: 2,
      stdout: '',
      stderr: 'error: missing workflow file: workflow-studio graph FILE.py [--json]\n',
    });
  });

  it('replay exits 1 on a divergence, 0 when the code matches the journal, 2 on a bad journal', async () => {
    const [diverged, same, bad] = await Promise.all([
      runBin(['replay', `${F}/order-complete.journal.json`, `${F}/order_workflow_renamed.py`, '--json']),
      runBin(['replay', `${F}/order-complete.journal.json`]),
      runBin(['replay', `${F}/order_workflow.py`]),
    ]);
    expect(diverged.exit).toBe(1);
    expect(JSON.parse(diverged.stdout).replay.divergences[0]).toMatchObject({
      expected: { kind: 'do', name: 'charge_card', count: 1 },
      got: { kind: 'do', name: 'charge_payment', count: 1 },
    });
    expect(same.exit).toBe(0);
    expect(same.stdout).toContain('No divergence: the code made the calls the journal holds.');
    expect(bad.exit).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(
      /^error: src\/export\/__fixtures__\/order_workflow\.py: Not a journal file: it is not JSON \(.*\)\.\n$/,
    );
  });

  it('--help lists every command, and an unknown command names them', async () => {
    const [help, unknown] = await Promise.all([runBin(['--help']), runBin(['deploy'])]);
    expect(help.exit).toBe(0);
    for (const usage of [
      'Usage: workflow-studio run FILE.py',
      'Usage: workflow-studio export FILE.py --out DIR',
      'Usage: workflow-studio graph FILE.py [--json]',
      'Usage: workflow-studio replay JOURNAL.json [FILE.py]',
      'Usage: workflow-studio test [PATHS...]',
    ]) {
      expect(help.stdout).toContain(usage);
    }
    expect(unknown.exit).toBe(2);
    expect(unknown.stderr).toMatch(
      /^error: unknown command "deploy"; commands are run, export, graph, replay, test\. /,
    );
  });
});
