/**
 * `workflow-studio run` in-process (one shared Pyodide): what reaches the workflow from the command line.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './run-command';
import { filePython, inProcess, tempFile } from './test-io';

const cli = inProcess(runCli, filePython().deps);

describe('workflow-studio run', () => {
  it('keeps --params null as None (Cloudflare makes params {} only when none are given)', async () => {
    const file = tempFile(
      'params.py',
      `from workers import WorkflowEntrypoint

class ParamsWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        return repr(event["payload"])
`,
    );
    const [none, absent, given] = await Promise.all([
      cli('run', file, '--params', 'null', '--id', 'a'),
      cli('run', file, '--id', 'b'),
      cli('run', file, '--params', '{"n": 1}', '--id', 'c'),
    ]);
    expect(none.stdout).toContain('output: "None"');
    expect(absent.stdout).toContain('output: "{}"');
    expect(given.stdout).toContain(`output: "{'n': 1}"`);
  });

  it('refuses a class whose workflow name Cloudflare refuses, saying the rule (exit 2, one line)', async () => {
    const cls = `Order${'Processing'.repeat(6)}Workflow`;
    const file = tempFile(
      'long.py',
      `from workers import WorkflowEntrypoint\n\nclass ${cls}(WorkflowEntrypoint):\n    async def run(self, event, step):\n        return 1\n`,
    );
    const name = `order${'-processing'.repeat(6)}-workflow`;
    expect(await cli('run', file)).toEqual({
      exit: 2,
      stdout: '',
      stderr: `error: Workflow name "${name}" is invalid: it is 80 characters long; the maximum is 64. Cloudflare refuses to deploy it; rename the workflow (in Python, its class).\n`,
    });
  });
});
