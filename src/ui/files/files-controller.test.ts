import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFilesRepo, createSettingsRepo, FileNameError, StudioDB, type WorkflowFile } from '../../persistence';
import { createAppStore } from '../../store';
import { ACTIVE_FILE_SETTING, createFilesController, type FilesController } from './files-controller';

const STARTER = { name: 'order_workflow.py', source: 'class A: pass\n' };

function setup(dbName: string) {
  const db = new StudioDB(dbName);
  let id = 0;
  const repo = createFilesRepo(db, { now: () => 1000, newId: () => `f${++id}` });
  const settings = createSettingsRepo(db);
  const store = createAppStore();
  const timers: (() => void)[] = [];
  const watchers = new Map<string, (file: WorkflowFile | undefined) => void>();
  /** What `keepCopy` was last given (`undefined`: never called). */
  const copy: { file?: WorkflowFile | null } = {};
  const controller = createFilesController({
    keepCopy: (file) => {
      copy.file = file;
    },
    repo,
    settings,
    store,
    starter: STARTER,
    autosaveMs: 300,
    now: () => 0,
    setTimer: (cb) => {
      timers.push(cb);
      return () => timers.splice(timers.indexOf(cb), 1);
    },
    // Another tab's save, as Dexie's live query reports it: the test calls `stored(file)` itself.
    watch: (id, onChange) => {
      watchers.set(id, onChange);
      return () => watchers.delete(id);
    },
  });
  const fireTimers = () => {
    for (const cb of timers.splice(0)) cb();
  };
  /** What the watch of the open file reports after another tab's write. */
  const stored = async (id: string) => watchers.get(id)?.(await repo.get(id));
  return { db, repo, settings, store, controller, fireTimers, stored, copy, watchers };
}

let n = 0;
let ctx: ReturnType<typeof setup>;
let controller: FilesController;
beforeEach(() => {
  ctx = setup(`files-controller-${++n}`);
  controller = ctx.controller;
});
afterEach(async () => {
  controller.dispose();
  await ctx.db.delete();
});

describe('createFilesController()', () => {
  it('seeds the starter workflow on a first visit and opens it', async () => {
    await controller.load();
    const files = await ctx.repo.list();
    expect(files.map((f) => f.name)).toEqual(['order_workflow.py']);
    expect(ctx.store.getState()).toMatchObject({ activeFileId: files[0]!.id, source: STARTER.source });
    expect(controller.getSaveState()).toEqual({ status: 'saved', version: 1 });
  });

  it('reopens the file that was open before the reload', async () => {
    await ctx.repo.create('a.py', 'a');
    const b = await ctx.repo.create('b.py', 'b');
    await ctx.settings.set(ACTIVE_FILE_SETTING, b.id);
    await controller.load();
    expect(ctx.store.getState()).toMatchObject({ activeFileId: b.id, source: 'b' });
  });

  it('shows the open file read before Dexie loaded (readOpenFile) without reading the list, then saves as usual', async () => {
    await ctx.repo.create('a.py', 'a');
    const b = await ctx.repo.create('b.py', 'b');
    await ctx.settings.set(ACTIVE_FILE_SETTING, b.id);
    // Counted: the list is not read when the early read found the file.
    const list = ctx.repo.list;
    let listed = 0;
    ctx.repo.list = () => {
      listed++;
      return list();
    };
    await controller.load(Promise.resolve(b));
    expect(listed).toBe(0);
    expect(ctx.store.getState()).toMatchObject({ activeFileId: b.id, source: 'b' });
    expect(controller.getSaveState()).toEqual({ status: 'saved', version: 1 });
    ctx.store.getState().setSource('b edited');
    expect(await controller.flush()).toMatchObject({ id: b.id, source: 'b edited', version: 2 });
  });

  it('reads the files through Dexie when the early read found none or failed', async () => {
    await controller.load(Promise.resolve(null));
    expect((await ctx.repo.list()).map((f) => f.name)).toEqual(['order_workflow.py']);
    expect(ctx.store.getState().source).toBe(STARTER.source);
    const again = setup(`files-controller-early-failed-${n}`);
    await again.controller.load(Promise.reject(new Error('IndexedDB unavailable')));
    expect(again.store.getState().source).toBe(STARTER.source);
    expect(again.controller.getSaveState()).toEqual({ status: 'saved', version: 1 });
    again.controller.dispose();
    await again.db.delete();
  });

  it('keeps a copy of the open file as saved: on open, after each save, on a switch; none once deleted', async () => {
    await controller.load();
    const first = ctx.store.getState().activeFileId!;
    expect(ctx.copy.file).toMatchObject({ id: first, source: STARTER.source, version: 1 });
    ctx.store.getState().setSource('typed, not saved yet');
    expect(ctx.copy.file).toMatchObject({ source: STARTER.source, version: 1 });
    await controller.flush();
    expect(ctx.copy.file).toMatchObject({ id: first, source: 'typed, not saved yet', version: 2 });
    const other = await controller.create('other.py', 'other');
    expect(ctx.copy.file).toMatchObject({ id: other.id, source: 'other' });
    await controller.remove(other.id);
    expect(ctx.copy.file).toMatchObject({ id: first, version: 2 });
  });

  it('opens another file when the early copy names one deleted since (in another tab)', async () => {
    const kept = await ctx.repo.create('kept.py', 'kept');
    const gone = { ...kept, id: 'deleted-elsewhere', name: 'gone.py', source: 'gone' };
    await controller.load(Promise.resolve(gone));
    expect(ctx.store.getState()).toMatchObject({ activeFileId: kept.id, source: 'kept' });
  });

  it('keys typed into an early copy of a file deleted in another tab are kept as <name>_recovered.py, with a notice', async () => {
    const kept = await ctx.repo.create('kept.py', 'kept');
    const gone = { ...kept, id: 'deleted-elsewhere', name: 'gone.py', source: 'gone' };
    const get = ctx.repo.get;
    // The record is looked up after the copy shows: the user types in that moment.
    ctx.repo.get = async (id) => {
      if (id === gone.id) ctx.store.getState().setSource('gone\n# typed into the copy');
      return get(id);
    };
    await controller.load(Promise.resolve(gone));
    const recovered = (await ctx.repo.list()).find((f) => f.name === 'gone_recovered.py');
    expect(recovered?.source).toBe('gone\n# typed into the copy');
    expect(ctx.store.getState()).toMatchObject({ activeFileId: recovered?.id, source: 'gone\n# typed into the copy' });
    expect(controller.getSaveState()).toEqual({ status: 'saved', version: 1 });
    expect(ctx.store.getState().notices).toMatchObject([
      {
        tone: 'warning',
        title: 'gone.py was deleted in another tab',
        detail: 'What you typed into it is kept as gone_recovered.py.',
      },
    ]);
    ctx.fireTimers(); // the copy's autosave was cancelled: nothing fails against the deleted record
    await controller.flush();
    expect(controller.getSaveState()).toEqual({ status: 'saved', version: 1 });
  });

  it('takes the stored record of the same version (its mocks) over the copy, and shows a newer one', async () => {
    const file = await ctx.repo.create('m.py', 'm');
    await ctx.repo.saveMocks(file.id, '{"steps": {}}');
    const { mocks: _mocks, ...copyOfIt } = (await ctx.repo.get(file.id))!;
    await controller.load(Promise.resolve(copyOfIt));
    expect((await controller.flush())?.mocks).toBeUndefined();
    await ctx.stored(file.id);
    expect((await controller.flush())?.mocks).toBe('{"steps": {}}');
    await ctx.repo.save(file.id, 'm2', 1);
    await ctx.stored(file.id);
    expect(ctx.store.getState().source).toBe('m2');
    expect(ctx.copy.file).toMatchObject({ source: 'm2', version: 2 });
  });

  it('on a first visit shows the starter before it exists, and keeps and saves what was typed meanwhile', async () => {
    let created: () => void = () => {};
    const create = ctx.repo.create;
    // The starter's creation waits until the test has typed.
    ctx.repo.create = async (name, source) => {
      await new Promise<void>((resolve) => {
        created = resolve;
      });
      return create(name, source);
    };
    ctx.store.getState().setSource(STARTER.source); // the page's store starts with the starter
    const loading = controller.load(Promise.resolve('first-visit'));
    await expect.poll(() => controller.getSaveState()).toMatchObject({ status: 'loading', starter: true });
    ctx.store.getState().setSource(`${STARTER.source}# typed before the file existed\n`);
    created();
    await loading;
    const [file] = await ctx.repo.list();
    expect(ctx.store.getState()).toMatchObject({
      activeFileId: file!.id,
      source: `${STARTER.source}# typed before the file existed\n`,
    });
    expect(controller.getSaveState()).toEqual({ status: 'pending' });
    ctx.fireTimers();
    expect(await controller.flush()).toMatchObject({
      source: `${STARTER.source}# typed before the file existed\n`,
      version: 2,
    });
  });

  it('on a first visit, what was typed into the starter stays in the load-failed state when the database fails', async () => {
    ctx.repo.list = async () => {
      ctx.store.getState().setSource(`${STARTER.source}# typed before the failure\n`);
      throw new Error('UnknownError: Internal error opening backing store');
    };
    ctx.store.getState().setSource(STARTER.source);
    await controller.load(Promise.resolve('first-visit'));
    expect(controller.getSaveState()).toEqual({
      status: 'load-failed',
      error: { name: 'Error', message: 'UnknownError: Internal error opening backing store' },
      draft: `${STARTER.source}# typed before the failure\n`,
    });
  });

  it('on a first visit with nothing typed, opens the starter as saved', async () => {
    ctx.store.getState().setSource(STARTER.source);
    await controller.load(Promise.resolve('first-visit'));
    expect(controller.getSaveState()).toEqual({ status: 'saved', version: 1 });
    expect(ctx.store.getState().source).toBe(STARTER.source);
  });

  it('autosaves typing once the debounce timer fires, bumping the version', async () => {
    await controller.load();
    ctx.store.getState().setSource('x = 1\n');
    expect(controller.getSaveState()).toEqual({ status: 'pending' });
    ctx.fireTimers();
    await controller.flush();
    const [file] = await ctx.repo.list();
    expect(file).toMatchObject({ source: 'x = 1\n', version: 2 });
    expect(controller.getSaveState()).toEqual({ status: 'saved', version: 2 });
  });

  it('flush() writes pending edits at once and returns the saved version', async () => {
    await controller.load();
    ctx.store.getState().setSource('y = 2\n');
    const saved = await controller.flush();
    expect(saved).toMatchObject({ source: 'y = 2\n', version: 2 });
  });

  it('saves the old file before switching, and shows the new one', async () => {
    await controller.load();
    const first = ctx.store.getState().activeFileId!;
    ctx.store.getState().setSource('edited');
    const other = await ctx.repo.create('other.py', 'other');
    await controller.open(other.id);
    expect((await ctx.repo.get(first))?.source).toBe('edited');
    expect(ctx.store.getState()).toMatchObject({ activeFileId: other.id, source: 'other' });
    expect(await ctx.settings.get(ACTIVE_FILE_SETTING, null)).toBe(other.id);
  });

  it('creates files under a free name, never overwriting one', async () => {
    await controller.load();
    const a = await controller.create('order_workflow.py', 'copy');
    expect(a.name).toBe('order_workflow_2.py');
    const blank = await controller.create(null, '');
    expect(blank.name).toBe('workflow.py');
    expect(ctx.store.getState().activeFileId).toBe(blank.id);
  });

  it('refuses a bad name with the reason a user reads', async () => {
    await controller.load();
    await expect(controller.createNamed('bad name', '')).rejects.toThrow(FileNameError);
    await expect(controller.createNamed('bad name', '')).rejects.toThrow('"bad name" must end in .py.');
  });

  it('after deleting the open file opens another, or seeds the starter when none is left', async () => {
    await controller.load();
    const only = ctx.store.getState().activeFileId!;
    await controller.remove(only);
    const files = await ctx.repo.list();
    expect(files).toHaveLength(1);
    expect(files[0]!.id).not.toBe(only);
    expect(ctx.store.getState().activeFileId).toBe(files[0]!.id);
  });

  it('reports a failed save with the error message and keeps the text in the editor', async () => {
    await controller.load();
    const id = ctx.store.getState().activeFileId!;
    await ctx.repo.delete(id);
    ctx.store.getState().setSource('lost?');
    await expect(controller.flush()).rejects.toThrow('was deleted in another tab');
    expect(controller.getSaveState()).toMatchObject({ status: 'failed', error: { name: 'FileNameError' } });
    expect(ctx.store.getState().source).toBe('lost?');
  });

  it('seeds the starter once when load() runs twice at once (React StrictMode runs effects twice in dev)', async () => {
    const seen: string[] = [];
    controller.subscribe(() => seen.push(controller.getSaveState().status));
    await Promise.all([controller.load(), controller.load()]);
    expect((await ctx.repo.list()).map((f) => f.name)).toEqual(['order_workflow.py']);
    expect(seen).toEqual(['saved']); // never "load-failed" (a second seeding refused by the name check)
    expect(controller.getSaveState()).toEqual({ status: 'saved', version: 1 });
  });

  it('two tabs opening a fresh profile at once seed one starter, and both open it', async () => {
    const other = setup(ctx.db.name);
    await Promise.all([controller.load(), other.controller.load()]);
    const files = await ctx.repo.list();
    expect(files.map((f) => f.name)).toEqual(['order_workflow.py']);
    expect(other.controller.getSaveState()).toEqual({ status: 'saved', version: 1 });
    expect(other.store.getState().activeFileId).toBe(files[0]?.id);
    other.controller.dispose();
  });

  it('two creates of one name at once get two free names; neither throws', async () => {
    await controller.load();
    const [a, b] = await Promise.all([controller.create('shared.py', 'a'), controller.create('shared.py', 'b')]);
    expect([a.name, b.name]).toEqual(['shared.py', 'shared_2.py']);
  });
});

describe('two tabs on one file', () => {
  let other: ReturnType<typeof setup>;
  let id: string;
  beforeEach(async () => {
    await controller.load();
    other = setup(ctx.db.name); // a second tab: its own controller and store, the same database
    await other.controller.load();
    id = ctx.store.getState().activeFileId as string;
    expect(other.store.getState().activeFileId).toBe(id);
  });
  afterEach(() => other.controller.dispose());

  /** The other tab types `text` and saves it. */
  const otherSaves = async (text: string) => {
    other.store.getState().setSource(text);
    await other.controller.flush();
  };

  it('a save against a stale version becomes a conflict with both texts; the stored text is kept', async () => {
    await otherSaves('theirs = 2\n');
    ctx.store.getState().setSource('mine = 1\n');
    await controller.flush();
    expect(controller.getSaveState()).toEqual({
      status: 'conflict',
      mine: 'mine = 1\n',
      theirs: { source: 'theirs = 2\n', version: 2 },
    });
    expect(await ctx.repo.get(id)).toMatchObject({ source: 'theirs = 2\n', version: 2 });
    // No autosave while the user decides.
    ctx.store.getState().setSource('mine = 1\nmore\n');
    ctx.fireTimers();
    await controller.flush();
    expect(await ctx.repo.get(id)).toMatchObject({ source: 'theirs = 2\n', version: 2 });
  });

  it("keeping a merge saves it over the other tab's version, which then shows it live", async () => {
    await otherSaves('theirs = 2\n');
    ctx.store.getState().setSource('mine = 1\n');
    await controller.flush();
    await controller.resolveConflict({ text: 'mine = 1\ntheirs = 2\n' });
    expect(await ctx.repo.get(id)).toMatchObject({ source: 'mine = 1\ntheirs = 2\n', version: 3 });
    expect(controller.getSaveState()).toEqual({ status: 'saved', version: 3 });
    expect(ctx.store.getState().source).toBe('mine = 1\ntheirs = 2\n');
    await other.stored(id);
    expect(other.store.getState().source).toBe('mine = 1\ntheirs = 2\n');
    expect(other.controller.getSaveState()).toEqual({ status: 'saved', version: 3 });
  });

  it("keeping theirs shows the other tab's text and writes nothing", async () => {
    await otherSaves('theirs = 2\n');
    ctx.store.getState().setSource('mine = 1\n');
    await controller.flush();
    await controller.resolveConflict('theirs');
    expect(ctx.store.getState().source).toBe('theirs = 2\n');
    expect(controller.getSaveState()).toEqual({ status: 'saved', version: 2 });
    expect(await ctx.repo.get(id)).toMatchObject({ source: 'theirs = 2\n', version: 2 });
    // Editing goes on from version 2 without a new conflict.
    ctx.store.getState().setSource('theirs = 2\nnext = 3\n');
    expect(await controller.flush()).toMatchObject({ version: 3 });
  });

  it("a tab with no unsaved changes shows the other tab's save live; one with unsaved changes keeps them", async () => {
    await otherSaves('theirs = 2\n');
    await ctx.stored(id);
    expect(ctx.store.getState().source).toBe('theirs = 2\n');
    expect(controller.getSaveState()).toEqual({ status: 'saved', version: 2 });

    ctx.store.getState().setSource('mine = 3\n');
    await otherSaves('theirs = 3\n');
    await ctx.stored(id);
    expect(ctx.store.getState().source).toBe('mine = 3\n');
    expect(controller.getSaveState()).toEqual({ status: 'pending' });
  });
});
