import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkflowStep } from '../../engine';
import { parseJournalFile, serializeJournalFile } from '../../export';
import { StudioDB } from '../../persistence';
import { createTestEngine } from '../test-support/engine-journal';
import { exportAllJournals, exportJournal, readJournalFile } from './journal-export';
import { fileForId, freeId, importIdProblem, planImport } from './journal-import';

const dbs: StudioDB[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** A database holding one recorded instance (`i-1`, workflow `wf`) and, optionally, its file. */
async function dbWithInstance(withFile = true) {
  const t = createTestEngine(async ({ step }: { step: WorkflowStep }) => {
    await step.do('a', () => 1);
    await step.sleep('nap', '1 second');
  });
  await t.create();
  await t.idle();
  const events = await t.journal();
  const db = new StudioDB(`transfer-${Math.random().toString(36).slice(2)}`);
  dbs.push(db);
  const view = await t.view();
  await db.journal.bulkAdd(events);
  await db.instances.put({
    id: 'i-1',
    workflowName: 'wf',
    status: view.status,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
    lastSeq: view.lastSeq,
    runs: view.runs.length,
    steps: view.steps.length,
    error: null,
  });
  if (withFile) {
    await db.instanceFiles.put({ instanceId: 'i-1', fileId: 'f1' });
    await db.loadedSources.put({ fileId: 'f1', version: 2, name: 'wf.py', source: 'print(2)', loadedAt: 0 });
  }
  return { db, events };
}

const AT = '2026-11-26T12:00:00.000Z';

describe('journal export', () => {
  it('writes a file the reader accepts, with the source the instance last ran', async () => {
    const { db, events } = await dbWithInstance();
    const exported = await exportJournal(db, 'i-1', AT);
    expect(exported?.name).toBe('wf-i-1.journal.json');
    const parsed = parseJournalFile(exported?.text ?? '');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.file.events).toEqual(events);
    expect(parsed.file.source).toEqual({ name: 'wf.py', text: 'print(2)' });
    expect(parsed.file.exportedAt).toBe(AT);
  });

  it('leaves the source out when the instance has no file, and answers undefined for an unknown id', async () => {
    const { db } = await dbWithInstance(false);
    expect((await readJournalFile(db, 'i-1', AT))?.source).toBeUndefined();
    expect(await exportJournal(db, 'nope', AT)).toBeUndefined();
  });

  it('zips every journal under journals/', async () => {
    const { db } = await dbWithInstance();
    const zip = await exportAllJournals(db, AT);
    expect(zip).toMatchObject({ name: 'workflow-studio-journals-2026-11-26-12-00-00.zip', count: 1 });
    const files = unzipSync(zip.bytes);
    expect(Object.keys(files)).toEqual(['journals/wf-i-1.journal.json']);
  });
});

describe('journal import', () => {
  it('accepts an exported file and keeps its id when it is free', async () => {
    const { db } = await dbWithInstance();
    const text = (await exportJournal(db, 'i-1', AT))?.text ?? '';
    const plan = await planImport(text, async () => false);
    expect(plan).toMatchObject({ ok: true, clash: false, suggestedId: 'i-1' });
  });

  it('offers a free id when the file’s id is taken, and renames every event for it', async () => {
    const { db } = await dbWithInstance();
    const text = (await exportJournal(db, 'i-1', AT))?.text ?? '';
    const taken = async (id: string) => id === 'i-1' || id === 'i-1-imported';
    const plan = await planImport(text, taken);
    if (!plan.ok) throw new Error(plan.message);
    expect(plan).toMatchObject({ clash: true, suggestedId: 'i-1-imported-2' });
    const renamed = fileForId(plan.file, 'copy');
    expect(new Set(renamed.events.map((e) => e.instanceId))).toEqual(new Set(['copy']));
    expect(parseJournalFile(serializeJournalFile(renamed)).ok).toBe(true);
  });

  it('says what is wrong with a bad file', async () => {
    expect(await planImport('{', async () => false)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Not a journal file: it is not JSON/),
    });
    expect(await planImport('[]', async () => false)).toEqual({
      ok: false,
      message: 'Not a journal file: the file is a list, not a JSON object with "format": "workflow-studio-journal".',
    });
    const cloudflare = JSON.stringify({
      success: true,
      errors: [],
      messages: [],
      result: { status: 'complete', steps: [] },
    });
    expect(await planImport(cloudflare, async () => false)).toEqual({
      ok: false,
      message:
        "Not a journal file: this is Cloudflare's instance JSON (GET …/workflows/{workflow_name}/instances/{instance_id}); replay it with: npx workflow-studio replay --from-cloudflare INSTANCE.json FILE.py",
    });
  });

  it('refuses a file whose instance id the engine would refuse, in a sentence of its own', async () => {
    const { db } = await dbWithInstance();
    const text = (await exportJournal(db, 'i-1', AT))?.text ?? '';
    const file = parseJournalFile(text);
    if (!file.ok) throw new Error(file.message);
    const renamed = serializeJournalFile(fileForId(file.file, 'order 42'));
    expect(await planImport(renamed, async () => false)).toEqual({
      ok: false,
      message:
        'Invalid journal file: instance.id: "order 42" contains " "; only letters, digits, "-" and "_" are allowed.',
    });
  });

  it('keeps a suggested id within the length limit, and explains why an id cannot be used', async () => {
    const long = 'x'.repeat(100);
    expect((await freeId(long, async () => false)).length).toBeLessThanOrEqual(100);
    expect(await importIdProblem('', async () => false)).toBe('Invalid id: it is empty.');
    expect(await importIdProblem('a', async () => true)).toBe(
      'An instance with id "a" already exists; choose another id.',
    );
    expect(await importIdProblem('ok-1', async () => false)).toBeUndefined();
  });
});
