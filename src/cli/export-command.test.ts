import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCloudflareProject, PROJECT_FILES } from '../export';
import { runExportCommand } from './export-command';
import { inProcess, tempFolder } from './test-io';

const FIXTURES = 'src/export/__fixtures__';
const ORDER = `${FIXTURES}/order_workflow.py`;
const exportCli = inProcess(runExportCommand);

/** Bad input: exit 2, nothing on stdout, exactly this line on stderr. */
async function expectBadInput(argv: string[], message: string) {
  expect(await exportCli(...argv)).toEqual({ exit: 2, stdout: '', stderr: `error: ${message}\n` });
}

describe('workflow-studio export', () => {
  it('writes the same project the studio zips', async () => {
    const out = join(tempFolder(), 'order-worker');
    const result = await exportCli(ORDER, '--out', out);
    expect(result).toEqual({
      exit: 0,
      stderr: '',
      stdout: `Exported ${ORDER} to ${out} (Worker "order-workflow"):
  wrangler.jsonc
  pyproject.toml
  src/entry.py  (your file + a generated Default WorkerEntrypoint)
  README.md
  workflow "order-workflow": class OrderWorkflow, self.env.ORDER_WORKFLOW
  step.do form: implicit dependencies (parameters name the steps they need), the default for Python Workers from 2026-02-25.
Next: cd ${out} && uv run pywrangler dev   (deploy: uv run pywrangler deploy)
`,
    });
    const project = buildCloudflareProject({ source: readFileSync(ORDER, 'utf8'), fileName: 'order_workflow.py' });
    if (!project.ok) throw new Error(project.message);
    for (const path of PROJECT_FILES) expect(readFileSync(join(out, path), 'utf8'), path).toBe(project.files[path]);
  });

  it('takes the Worker name from --name, and prints warnings on stderr', async () => {
    const dir = tempFolder();
    const file = join(dir, 'flow.py');
    writeFileSync(
      file,
      'from workers import WorkflowEntrypoint\n\n\nclass Flow(WorkflowEntrypoint):\n    async def run(self, event, step):\n        @step.do()\n        async def total(price):\n            return price\n\n        return await total()\n',
    );
    const out = join(dir, 'out');
    const result = await exportCli(file, '--out', out, '--name=shop-flow');
    expect(result.exit).toBe(0);
    expect(result.stderr).toBe(
      'warning: line 7: WS003 Received unexpected parameter price: a parameter of step "total" must be ctx or the name of a step declared before it runs.\n',
    );
    expect(readFileSync(join(out, 'wrangler.jsonc'), 'utf8')).toContain('"name": "shop-flow"');
  });

  it('replaces the project files in a non-empty directory only with --force', async () => {
    const out = tempFolder();
    writeFileSync(join(out, 'notes.txt'), 'keep me');
    await expectBadInput(
      [ORDER, '--out', out],
      `--out ${out} is not empty; choose a new directory, or pass --force to replace the project's files in it`,
    );
    expect((await exportCli(ORDER, '--out', out, '--force')).exit).toBe(0);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(readFileSync(join(out, 'src/entry.py'), 'utf8')).toContain('class Default(_WorkerEntrypoint):');
  });

  it('prints its usage with --help', async () => {
    const result = await exportCli('--help');
    expect(result.exit).toBe(0);
    expect(result.stdout).toMatch(/^Usage: workflow-studio export FILE.py --out DIR/);
  });
});

describe('workflow-studio export: bad input', () => {
  it('needs one file and --out', async () => {
    await expectBadInput([], 'missing workflow file: workflow-studio export FILE.py --out DIR');
    await expectBadInput(['--out', 'x'], 'missing workflow file: workflow-studio export FILE.py --out DIR');
    await expectBadInput([ORDER, ORDER, '--out', 'x'], `expected one workflow file, got 2: ${ORDER} ${ORDER}`);
    await expectBadInput([ORDER], 'missing --out DIR: the directory to write the project to, e.g. --out order-worker');
  });

  it('checks its options', async () => {
    await expectBadInput([ORDER, '--out'], '--out needs a value, e.g. --out order-worker');
    await expectBadInput([ORDER, '--out', 'a', '--out', 'b'], '--out is given twice; pass it once');
    await expectBadInput([ORDER, '--force=yes', '--out', 'a'], '--force takes no value');
    await expectBadInput([ORDER, '--zip'], 'unknown option --zip; options are --out, --name, --env, --force');
  });

  it('says why the file cannot be read or exported', async () => {
    await expectBadInput(
      [`${FIXTURES}/nope.py`, '--out', 'x'],
      `cannot read ${FIXTURES}/nope.py: no such file; pass the path of a Python workflow file`,
    );
    await expectBadInput(
      [FIXTURES, '--out', 'x'],
      `cannot read ${FIXTURES}: it is a directory; pass the path of a Python workflow file`,
    );
    const dir = tempFolder();
    writeFileSync(
      join(dir, 'broken.py'),
      'from workers import WorkflowEntrypoint\n\nclass Flow(WorkflowEntrypoint)\n    pass\n',
    );
    await expectBadInput(
      [join(dir, 'broken.py'), '--out', join(dir, 'out')],
      'Cannot export broken.py: syntax error on line 3. Fix it first; Cloudflare would refuse to deploy the Worker.',
    );
    writeFileSync(join(dir, 'plain.py'), 'print("hi")\n');
    await expectBadInput(
      [join(dir, 'plain.py'), '--out', join(dir, 'out')],
      'Cannot export plain.py: it defines no WorkflowEntrypoint subclass. Add one, e.g. "class MyWorkflow(WorkflowEntrypoint):" with "async def run(self, event, step):".',
    );
    await expectBadInput(
      [ORDER, '--out', join(dir, 'out'), '--name', 'Shop'],
      'Cannot export: the project name "Shop" is not a valid Worker name (use lowercase letters, digits and dashes, starting and ending with a letter or digit), e.g. "order-flow".',
    );
  });

  it('refuses an --out that is a file or cannot be written', async () => {
    const dir = tempFolder();
    writeFileSync(join(dir, 'taken'), '');
    await expectBadInput(
      [ORDER, '--out', join(dir, 'taken')],
      `--out ${join(dir, 'taken')} is a file; pass a directory`,
    );
    mkdirSync(join(dir, 'blocked'));
    writeFileSync(join(dir, 'blocked', 'src'), 'a file where the src directory goes');
    await expectBadInput(
      [ORDER, '--out', join(dir, 'blocked'), '--force'],
      `cannot write ${join(dir, 'blocked', 'src', 'entry.py')}: EEXIST: file already exists, mkdir '${join(dir, 'blocked', 'src')}'`,
    );
    expect(readdirSync(join(dir, 'blocked'))).toEqual(['src']);
  });
});
