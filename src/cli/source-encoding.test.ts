/**
 * Non-UTF-8 workflow files at the CLI follow Python (PEP 263): a coding line is honoured by `run`, `graph` and
 * `export` (which writes UTF-8 and says so in the coding line); without one the file is refused with the line
 * and byte offset, never run with its characters replaced.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from './commands';
import { filePython, inProcess, tempFolder } from './test-io';

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const FLOW = `from workers import WorkflowEntrypoint


class Flow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def greet():
            return "caf\xe9"

        return await greet()
`;

const cli = inProcess(runCommand, filePython().deps);
const dir = tempFolder({
  'declared.py': latin1(`# -*- coding: latin-1 -*-\n${FLOW}`),
  'undeclared.py': latin1(FLOW),
});

describe('non-UTF-8 sources at the CLI', () => {
  it('run honours a latin-1 coding line: the step returns "café", not "caf\\ufffd"', async () => {
    const result = await cli('run', join(dir, 'declared.py'), '--json');
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'complete', output: 'café' });
  });

  it('run, graph and export refuse latin-1 bytes without a coding line, naming the line and byte offset', async () => {
    const file = join(dir, 'undeclared.py');
    const offset = latin1(FLOW).indexOf(0xe9);
    const message = `error: SyntaxError: Non-UTF-8 code starting with '\\xe9' in file ${file} on line 8 (byte offset ${offset}), but no encoding declared; add a line "# -*- coding: <encoding> -*-" or save the file as UTF-8 (see https://peps.python.org/pep-0263/)\n`;
    const out = join(dir, 'refused-project');
    for (const argv of [
      ['run', file],
      ['graph', file],
      ['export', file, '--out', out],
    ]) {
      expect(await cli(...argv)).toEqual({ exit: 2, stdout: '', stderr: message });
    }
    expect(readdirSync(dir)).not.toContain('refused-project');
  });

  it('export writes the latin-1 source as UTF-8 with its coding line saying utf-8', async () => {
    const out = join(dir, 'project');
    const result = await cli('export', join(dir, 'declared.py'), '--out', out);
    expect(result.exit).toBe(0);
    const bytes = readFileSync(join(out, 'src/entry.py'));
    expect(bytes.toString('utf8').startsWith('# -*- coding: utf-8 -*-\n')).toBe(true);
    expect(bytes.includes(Buffer.from('"café"', 'utf8'))).toBe(true);
  });
});
