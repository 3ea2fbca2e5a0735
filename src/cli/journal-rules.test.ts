/**
 * One reader, one set of rules for journal files (docs/journal-format.md): `replay` and `run --journal` read an
 * exported journal and a `run --journal` store by the same rules — a future version and unknown fields are
 * refused — and `run --journal` accepts a single-instance export as a store of that instance.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runReplayCommand } from './replay-command';
import { runCli } from './run-command';
import { filePython, inProcess, tempFile, tempFolder } from './test-io';

const F = 'src/export/__fixtures__';
const { deps } = filePython();
const cli = inProcess(runCli, deps);
const replay = inProcess(runReplayCommand, deps);
const tmp = (name: string) => join(tempFolder(), name);
let store: string;

/** A copy of the store with `edit` applied to its parsed JSON. */
function editedStore(edit: (value: Record<string, unknown>) => void): string {
  const value = JSON.parse(readFileSync(store, 'utf8'));
  edit(value);
  return tempFile('edited.json', JSON.stringify(value));
}

beforeAll(async () => {
  store = tmp('store.json');
  const made = await cli(
    'run',
    `${F}/order_workflow.py`,
    '--params',
    '{"order": "A-17"}',
    '--id',
    's1',
    '--journal',
    store,
  );
  if (made.exit !== 0) throw new Error(made.stderr);
});

describe('journal files: one reader', () => {
  it('refuses a store of a future version in replay and in run --journal alike', async () => {
    const future = editedStore((v) => {
      v.version = 3;
    });
    const newer =
      'Not read: the file was written by a newer Workflow Studio (journal format version 3); this one reads version 2';
    expect(await replay(future, `${F}/order_workflow.py`)).toEqual({
      exit: 2,
      stdout: '',
      stderr: `error: ${future}: ${newer}.\n`,
    });
    const run = await cli('run', `${F}/order_workflow.py`, '--journal', future);
    expect(run).toEqual({
      exit: 2,
      stdout: '',
      stderr: `error: --journal ${future} cannot be used: ${newer}; pass a file written by --journal, or a new path\n`,
    });
  });

  it('reads a version 1 store (before run-output) in replay and run --journal, and writes it back as version 2', async () => {
    const old = editedStore((v) => {
      v.version = 1;
    });
    const replayed = await replay(old, `${F}/order_workflow.py`);
    expect(replayed.stderr).toBe('');
    expect(replayed.exit).toBe(0);
    const run = await cli(
      'run',
      `${F}/order_workflow.py`,
      '--params',
      '{"order": "C-3"}',
      '--id',
      'c3',
      '--journal',
      old,
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(readFileSync(old, 'utf8'))).toMatchObject({ version: 2 });
    const withOutput = editedStore((v) => {
      v.version = 1;
      const [first] = v.instances as { events: Record<string, unknown>[] }[];
      const last = first!.events.at(-1)!;
      first!.events.push({ ...last, type: 'run-output', run: 1, text: 'hi\n', seq: first!.events.length + 1 });
    });
    expect((await replay(withOutput, `${F}/order_workflow.py`)).stderr).toMatch(
      /Invalid journal file: instances\[0\]: events\[\d+\]\.type: unknown value "run-output"/,
    );
  });

  it('refuses unknown fields in a store, at the top, in an instance and in an event', async () => {
    const top = editedStore((v) => {
      v.note = 'x';
    });
    expect((await cli('run', `${F}/order_workflow.py`, '--journal', top)).stderr).toContain(
      'Invalid journal file: unknown field "note" (a store has format, version, instances)',
    );
    const inInstance = editedStore((v) => {
      ((v.instances as Record<string, unknown>[])[0] as Record<string, unknown>).label = 'mine';
    });
    expect((await replay(inInstance)).stderr).toBe(
      `error: ${inInstance}: Invalid journal file: instances[0]: unknown field "label" (an instance has summary, events).\n`,
    );
    const inEvent = editedStore((v) => {
      const [first] = v.instances as { events: Record<string, unknown>[] }[];
      (first?.events[1] as Record<string, unknown>).color = 'red';
    });
    const [viaRun, viaReplay] = [
      await cli('run', `${F}/order_workflow.py`, '--journal', inEvent),
      await replay(inEvent, `${F}/order_workflow.py`),
    ];
    expect(viaRun.exit).toBe(2);
    expect(viaReplay.exit).toBe(2);
    expect(viaRun.stderr).toContain('Invalid journal file: instances[0]: events[1]');
    expect(viaReplay.stderr).toContain('Invalid journal file: instances[0]: events[1]');
    expect(viaRun.stderr).toContain('color');
  });

  it('takes a single-instance export as a --journal store holding that instance', async () => {
    const exported = tmp('order.journal.json');
    copyFileSync(`${F}/order-complete.journal.json`, exported);
    const result = await cli(
      'run',
      `${F}/order_workflow.py`,
      '--params',
      '{"order": "B-2"}',
      '--id',
      'b2',
      '--journal',
      exported,
    );
    expect(result.stderr).toBe('');
    expect(result.exit).toBe(0);
    const written = JSON.parse(readFileSync(exported, 'utf8')) as { instances: { summary: { id: string } }[] };
    expect(written.instances.map((i) => i.summary.id)).toEqual(['order-a17', 'b2']);
  });
});
