import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFilesRepo, createSettingsRepo, FileNameError, StudioDB } from '../../persistence';
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
  const controller = createFilesController({
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
  });
  const fireTimers = () => {
    for (const cb of timers.splice(0)) cb();
  };
  return { db, repo, settings, store, controller, fireTimers };
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
});
