/**
 * One reader, one set of rules for journal files (docs/journal-format.md): `replay` and `run --journal` read an
 * exported journal and a `run --journal` store by the same rules — a future version and unknown fields are
 * refused — and `run --journal` accepts a single-instance export as a store of that instance.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodePython, type NodePython } from '../runtime/node';
import { runReplayCommand } from './replay-command';
import { runCli } from './run-command';
import { capture } from './test-io';

process.env.TZ = 'UTC';

const F = 'src/export/__fixtures__';
let python: NodePython;
let store: string;
const deps = () => ({ python: async () => python, now: () => 1_800_000_000_000 });
const cli = (argv: string[]) => capture((io) => runCli(argv, io, deps()));
const replay = (argv: string[]) => capture((io) => runReplayCommand(argv, io, deps()));
const tmp = (name: string) => join(mkdtempSync(join(tmpdir(), 'ws-rules-')), name);

/** A copy of the store with `edit` applied to its parsed JSON. */
function editedStore(edit: (value: Record<string, unknown>) => void): string {
  const value = JSON.parse(readFileSync(store, 'utf8'));
  edit(value);
  const path = tmp('edited.json');
  writeFileSync(path, JSON.stringify(value));
  return path;
}

beforeAll(async () => {
  python = await loadNodePython({ stdout: () => {} });
  store = tmp('store.json');
  const made = await cli([
    'run',
    `${F}/order_workflow.py`,
    '--params',
    '{"order": "A-17"}',
    '--id',
    's1',
    '--journal',
    store,
  ]);
  if (made.exit !== 0) throw new Error(made.stderr);
});

describe('journal files: one reader', () => {
  it('refuses a store of a future version in replay and in run --journal alike', async () => {
    const future = editedStore((v) => {
      v.version = 2;
    });
    const newer =
      'Not read: the file was written by a newer Workflow Studio (journal format version 2); this one reads version 1';
    expect(await replay([future, `${F}/order_workflow.py`])).toEqual({
      exit: 2,
      stdout: '',
      stderr: `error: ${future}: ${newer}.\n`,
    });
    const run = await cli(['run', `${F}/order_workflow.py`, '--journal', future]);
    expect(run).toEqual({
      exit: 2,
      stdout: '',
      stderr: `error: --journal ${future} cannot be used: ${newer}; pass a file written by --journal, or a new path\n`,
    });
  });

  it('refuses unknown fields in a store, at the top, in an instance and in an event', async () => {
    const top = editedStore((v) => {
      v.note = 'x';
    });
    expect((await cli(['run', `${F}/order_workflow.py`, '--journal', top])).stderr).toContain(
      'Invalid journal file: unknown field "note" (a store has format, version, instances)',
    );
    const inInstance = editedStore((v) => {
      ((v.instances as Record<string, unknown>[])[0] as Record<string, unknown>).label = 'mine';
    });
    expect((await replay([inInstance])).stderr).toBe(
      `error: ${inInstance}: Invalid journal file: instances[0]: unknown field "label" (an instance has summary, events).\n`,
    );
    const inEvent = editedStore((v) => {
      const [first] = v.instances as { events: Record<string, unknown>[] }[];
      (first?.events[1] as Record<string, unknown>).color = 'red';
    });
    const [viaRun, viaReplay] = [
      await cli(['run', `${F}/order_workflow.py`, '--journal', inEvent]),
      await replay([inEvent, `${F}/order_workflow.py`]),
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
    const result = await cli([
      'run',
      `${F}/order_workflow.py`,
      '--params',
      '{"order": "B-2"}',
      '--id',
      'b2',
      '--journal',
      exported,
    ]);
    expect(result.stderr).toBe('');
    expect(result.exit).toBe(0);
    const written = JSON.parse(readFileSync(exported, 'utf8')) as { instances: { summary: { id: string } }[] };
    expect(written.instances.map((i) => i.summary.id)).toEqual(['order-a17', 'b2']);
  });
});
