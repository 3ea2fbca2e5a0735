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
});
