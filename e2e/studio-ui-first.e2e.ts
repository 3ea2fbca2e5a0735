/**
 * UI first: the editor shows the open file's code and takes typing before Python is ready, on a first visit and
 * on a warm start, and what is typed into the light view (shown until Monaco has loaded) survives the hand-over
 * to Monaco, keystrokes typed during it included. Checked by the order of events, not by time: the shipped Python
 * snapshot and Monaco's chunk are held back by routes until the test lets them through.
 */
import { expect, type Page, test } from '@playwright/test';
import { hold, READY_TIMEOUT, recordErrors, snap } from './studio-helpers';

/**
 * When the page first showed the code ready for typing (LightEditor's mark), the graph of its plan and the instance
 * list (their panes' marks), and when Python was ready (page clock).
 */
function order(page: Page) {
  return page.evaluate(() => {
    const s = window.__studio?.getState();
    const at = (mark: string) => performance.getEntriesByName(mark).at(0)?.startTime ?? Number.NaN;
    return {
      typableAt: at('studio:editor-typable'),
      graphShownAt: at('studio:graph-shown'),
      instancesShownAt: at('studio:instances-shown'),
      readyAt: s?.status === 'ready' ? s.since + s.coldStartMs : Number.NaN,
    };
  });
}

/** Whether the page's origin holds a stored Python snapshot: a non-empty file in OPFS (persistence/snapshot-files.ts). */
/**
 * Counts the page's DOM changes from its first script on, and notes which change first held the light view and
 * which the graph's nodes (the editor renders first, alone; the graph follows in a second pass, not in the same
 * commit), and whether the editor ever said it was still reading the files (it must not: they are read by then).
 */
async function watchFirstChanges(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __sawFilesLoading?: boolean; __changes: number; __firstSeen: object };
    const seen: Record<string, number> = {};
    w.__changes = 0;
    w.__firstSeen = seen;
    new MutationObserver(() => {
      w.__changes++;
      if (document.body?.textContent?.includes('Reading your workflow files')) w.__sawFilesLoading = true;
      if (document.querySelector('#root .light-editor__text')) seen.light ??= w.__changes;
      if (document.querySelector('[data-testid="plan-node"]')) seen.graph ??= w.__changes;
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

async function snapshotStored(): Promise<boolean> {
  const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('pyodide-snapshots', { create: true });
  const files = (dir as unknown as { values(): AsyncIterable<FileSystemFileHandle> }).values();
  for await (const file of files) if (file.name.endsWith('.snapshot') && (await file.getFile()).size > 0) return true;
  return false;
}

/** The workflow files and the remembered open file, read straight from IndexedDB (none before it exists). */
async function storedFiles(): Promise<{ names: string[]; activeFileId: unknown }> {
  if (!(await indexedDB.databases()).some((d) => d.name === 'workflow-studio'))
    return { names: [], activeFileId: null };
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('workflow-studio');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    if (!db.objectStoreNames.contains('files')) return { names: [], activeFileId: null };
    const tx = db.transaction(['files', 'settings'], 'readonly');
    const read = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const files = await read(tx.objectStore('files').getAll());
    const active = await read(tx.objectStore('settings').get('editor.activeFileId'));
    return { names: files.map((f: { name: string }) => f.name), activeFileId: active?.value ?? null };
  } finally {
    db.close();
  }
}

test.describe('studio: UI first', () => {
  test('the open file is read from IndexedDB while the UI bundle loads, so its first render shows the code', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    await watchFirstChanges(page);
    const releaseUi = await hold(page, /\/assets\/ui-[\w-]+\.js$/);
    await page.goto('/');
    // The UI bundle is held back, yet the starter file is seeded and opened (remembered as the open file).
    await expect
      .poll(() => page.evaluate(storedFiles), { timeout: READY_TIMEOUT })
      .toMatchObject({ names: ['order_workflow.py'], activeFileId: expect.any(String) });
    await expect(page.getByRole('textbox', { name: /^Editor \(light view/ })).toHaveCount(0);

    releaseUi();
    await expect(page.getByRole('textbox', { name: /^Editor \(light view/ })).toHaveValue(
      /class \w+\(WorkflowEntrypoint\):/,
    );
    expect(await page.evaluate(() => (window as { __sawFilesLoading?: boolean }).__sawFilesLoading)).toBeUndefined();
    await expect(page.getByTestId('executor-status')).toHaveAttribute('data-status', 'ready', {
      timeout: READY_TIMEOUT,
    });
    expect(errors).toEqual([]);
  });

  test('the code shows and takes typing before Python is ready; keys typed in the light view survive the hand-over to Monaco', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    const releaseSnapshot = await hold(page, /\/pyodide\/[^/]+\/snapshots\/[^/]+\.bin\.gz$/);
    const releaseMonaco = await hold(page, /\/assets\/MonacoEditor-[^/]+\.js$/);
    await page.goto('/');

    const status = page.getByTestId('executor-status');
    const light = page.getByRole('textbox', { name: /^Editor \(light view/ });
    await expect(light).toHaveValue(/class \w+\(WorkflowEntrypoint\):/);
    await expect(status).toHaveAttribute('data-status', 'starting');
    // The graph (static analysis) and the instances list come with it; Run says Python is starting.
    await expect(page.locator('[data-testid="plan-node"]').first()).toBeVisible();
    await expect(page.getByText('No instances yet — run the workflow')).toBeVisible();
    await expect(page.getByTestId('action-run')).toHaveAttribute('title', /^Python is starting \(/);

    // Typing into the light view: at the end of the first line, then a new line.
    await light.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.type('  # before Monaco');
    const firstLine = (await light.inputValue()).split('\n')[0] as string;
    expect(firstLine.endsWith('  # before Monaco')).toBe(true);
    await expect(status).toHaveAttribute('data-status', 'starting');
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
    await snap(page, 'ui-first-light-view');

    // Monaco loads while the user keeps typing: no key may be lost, and the cursor carries over.
    releaseMonaco();
    await page.keyboard.type(' and during the hand-over', { delay: 15 });
    await expect(light).toHaveCount(0, { timeout: READY_TIMEOUT });
    await page.keyboard.type(' and after');
    const monacoLine = page.locator('.monaco-editor .view-line').first();
    await expect(monacoLine).toHaveText(`${firstLine} and during the hand-over and after`.replace(/ /g, '\u00a0'));
    expect(await page.evaluate(() => window.__studio?.getState().status)).toBe('starting');

    releaseSnapshot();
    await expect(status).toHaveAttribute('data-status', 'ready', { timeout: READY_TIMEOUT });
    const first = await order(page);
    expect(first.typableAt).toBeLessThan(first.readyAt);
    // The editor's first render comes alone; the graph and the instances follow it, all before Python.
    expect(first.graphShownAt).toBeGreaterThanOrEqual(first.typableAt);
    expect(first.graphShownAt).toBeLessThan(first.readyAt);
    expect(first.instancesShownAt).toBeLessThan(first.readyAt);
    expect(errors).toEqual([]);
  });

  test('a warm start shows the code and takes typing before Python is ready', async ({ page }) => {
    const errors = recordErrors(page);
    await page.goto('/');
    const status = page.getByTestId('executor-status');
    await expect(status).toHaveAttribute('data-status', 'ready', { timeout: READY_TIMEOUT });
    // The snapshot is stored (a file in OPFS) after ready; wait for it, so the reload is a warm start.
    await expect.poll(() => page.evaluate(snapshotStored), { timeout: READY_TIMEOUT }).toBe(true);
    // The page's entry shows the open file's copy in localStorage at once (IndexedDB answers later). Made an older
    // version here, as if another tab had saved since: the stored version must win (whichever answers first), and
    // the editor never waits for IndexedDB ("Reading your workflow files…").
    await page.evaluate(() => {
      const key = 'workflow-studio.open-file';
      const copy = JSON.parse(localStorage.getItem(key) ?? 'null');
      if (!copy) throw new Error('no copy of the open file in localStorage');
      localStorage.setItem(key, JSON.stringify({ ...copy, version: copy.version - 1, source: '# an older copy\n' }));
    });
    await watchFirstChanges(page);
    // Pyodide's runtime is held back on the reload, so Python cannot be ready before the test has typed; and
    // Monaco's chunk, which loads 3 s after navigation at the latest, so the light view stays on a slow machine.
    const releaseRuntime = await hold(page, /\/pyodide\/[^/]+\/pyodide\.asm\.wasm$/);
    const releaseMonaco = await hold(page, /\/assets\/MonacoEditor-[^/]+\.js$/);
    await page.reload();
    const light = page.getByRole('textbox', { name: /^Editor \(light view/ });
    await expect(light).toHaveValue(/class \w+\(WorkflowEntrypoint\):/);
    expect(await page.evaluate(() => (window as { __sawFilesLoading?: boolean }).__sawFilesLoading)).toBeUndefined();
    await expect(page.locator('[data-testid="plan-node"]').first()).toBeVisible();
    const seen = await page.evaluate(
      () => (window as unknown as { __firstSeen: { light: number; graph: number } }).__firstSeen,
    );
    expect(seen.light).toBeLessThan(seen.graph);
    await light.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('# typed on a warm start');
    await expect(light).toHaveValue(/# typed on a warm start$/);
    await expect(status).toHaveAttribute('data-status', 'starting');

    releaseRuntime();
    releaseMonaco();
    await expect(status).toHaveAttribute('data-status', 'ready', { timeout: READY_TIMEOUT });
    expect(await page.evaluate(() => window.__studio?.getState())).toMatchObject({ python: { snapshot: 'used' } });
    const warm = await order(page);
    expect(warm.typableAt).toBeLessThan(warm.readyAt);
    expect(warm.graphShownAt).toBeGreaterThanOrEqual(warm.typableAt);
    await expect(page.locator('.monaco-editor .view-lines')).toContainText('# typed on a warm start');
    expect(errors).toEqual([]);
  });
});
