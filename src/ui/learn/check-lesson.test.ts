import { describe, expect, it } from 'vitest';
import { fail, pass } from '../../../lessons/kit';
import type { JournalEvent } from '../../engine';
import { StudioDB } from '../../persistence';
import { checkLesson } from './check-lesson';

let dbs = 0;
const freshDb = () => new StudioDB(`check-lesson-${++dbs}`);

/** An instance of file `fileId` created at `at` that finished with `output`. */
async function addInstance(db: StudioDB, id: string, fileId: string, at: number, output: string) {
  const base = { instanceId: id, at, wall: at };
  const journal: JournalEvent[] = [
    { ...base, seq: 1, type: 'instance-created', workflowName: 'w', params: {} },
    { ...base, seq: 2, type: 'run-started', run: 1, reason: 'create' },
    { ...base, seq: 3, type: 'run-finished', run: 1, output },
  ];
  await db.journal.bulkAdd(journal);
  await db.instances.put({
    id,
    workflowName: 'w',
    status: 'complete',
    createdAt: at,
    updatedAt: at,
    lastSeq: 3,
    runs: 1,
    steps: 0,
    error: null,
  });
  await db.instanceFiles.put({ instanceId: id, fileId });
}

/** A check that passes when the output is "right", and says which output it saw. */
const lesson = {
  check: ({ view }: { view: { output: unknown } }) =>
    view.output === 'right' ? pass('right') : fail(`output was ${JSON.stringify(view.output)}`),
};

describe('checkLesson', () => {
  it('says to run the file first when it has no instance', async () => {
    const db = freshDb();
    await addInstance(db, 'other', 'another-file', 5, 'right');
    expect(await checkLesson(db, lesson, 'f1', 'lesson_retries.py')).toEqual({
      pass: false,
      message: 'lesson_retries.py has no instance yet: do what the lesson lists (▶ Run first)',
      instanceId: null,
    });
  });

  it("judges the file's latest instance by its journal", async () => {
    const db = freshDb();
    await addInstance(db, 'old', 'f1', 10, 'right');
    await addInstance(db, 'new', 'f1', 20, 'wrong');
    await addInstance(db, 'elsewhere', 'f2', 30, 'right');
    expect(await checkLesson(db, lesson, 'f1', 'x.py')).toEqual({
      pass: false,
      message: 'output was "wrong"',
      instanceId: 'new',
    });
    await addInstance(db, 'newest', 'f1', 40, 'right');
    expect(await checkLesson(db, lesson, 'f1', 'x.py')).toEqual({ pass: true, message: 'right', instanceId: 'newest' });
  });

  it('reports a check that throws as a failure naming the instance', async () => {
    const db = freshDb();
    await addInstance(db, 'i1', 'f1', 10, 'right');
    const broken = {
      check: () => {
        throw new TypeError('view.steps[0] is undefined');
      },
    };
    expect(await checkLesson(db, broken, 'f1', 'x.py')).toEqual({
      pass: false,
      message: 'the check could not read instance i1: TypeError: view.steps[0] is undefined',
      instanceId: 'i1',
    });
  });
});
