/**
 * `workflow-studio run` in-process (one shared Pyodide): what reaches the workflow from the command line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NodePython } from '../runtime/node';
import { loadNodePython } from '../runtime/node';
import { runCli } from './run-command';
import { capture } from './test-io';

process.env.TZ = 'UTC';

let python: NodePython;
let dir: string;
const cli = (argv: string[]) =>
  capture((io) => runCli(argv, io, { python: async () => python, now: () => 1_800_000_000_000 }));

beforeAll(async () => {
  python = await loadNodePython({ stdout: () => {} });
  dir = mkdtempSync(join(tmpdir(), 'ws-run-'));
});

function write(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

describe('workflow-studio run', () => {
  it('keeps --params null as None (Cloudflare makes params {} only when none are given)', async () => {
    const file = write(
      'params.py',
      `from workers import WorkflowEntrypoint

class ParamsWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        return repr(event["payload"])
`,
    );
    const [none, absent, given] = await Promise.all([
      cli(['run', file, '--params', 'null', '--id', 'a']),
      cli(['run', file, '--id', 'b']),
      cli(['run', file, '--params', '{"n": 1}', '--id', 'c']),
    ]);
    expect(none.stdout).toContain('output: "None"');
    expect(absent.stdout).toContain('output: "{}"');
    expect(given.stdout).toContain(`output: "{'n': 1}"`);
  });

  it('refuses a class whose workflow name Cloudflare refuses, saying the rule (exit 2, one line)', async () => {
    const cls = `Order${'Processing'.repeat(6)}Workflow`;
    const file = write(
      'long.py',
      `from workers import WorkflowEntrypoint\n\nclass ${cls}(WorkflowEntrypoint):\n    async def run(self, event, step):\n        return 1\n`,
    );
    const name = `order${'-processing'.repeat(6)}-workflow`;
    expect(await cli(['run', file])).toEqual({
      exit: 2,
      stdout: '',
      stderr: `error: Workflow name "${name}" is invalid: it is 80 characters long; the maximum is 64. Cloudflare refuses to deploy it; rename the workflow (in Python, its class).\n`,
    });
  });
});
