/**
 * The app shell (src/shell/): a classic script that shows the open file's code and takes typing before any of
 * the studio's modules has run, then is taken over by the React light view and that by Monaco, with no key lost
 * and the text on the same pixels. Checked by the order of events: the entry module, Monaco's chunk and Python's
 * start are held back by routes until the test lets them through.
 */
import { expect, type Page, test } from '@playwright/test';
import { hold, READY_TIMEOUT, recordErrors, recordRequests, snap } from './studio-helpers';

const ENTRY = /\/assets\/index-[\w-]+\.js$/;
const MONACO = /\/assets\/MonacoEditor-[^/]+\.js$/;
/** Python's start (the shipped snapshot, Pyodide's wasm), held for good: these tests need no Python. */
const PYTHON = /\/pyodide\/[^/]+\/(snapshots\/[^/]+\.bin\.gz|pyodide\.asm\.wasm)$/;

/**
 * Records, in order, what happened to the editor: the shell shown and removed, the React light view and Monaco
 * mounted, the entry module run (its status line in #root), and where each run of typed characters went.
 */
async function recordEditorEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: string[] = [];
    (window as unknown as { __editorEvents: string[] }).__editorEvents = log;
    const once = (event: string) => {
      if (!log.includes(event)) log.push(event);
    };
    document.addEventListener(
      'input',
      (e) => {
        const target = e.target as Element;
        const where = target.closest('#studio-shell')
          ? 'typed in shell'
          : target.closest('[data-testid="light-editor"]')
            ? 'typed in light view'
            : 'typed elsewhere';
        if (log.at(-1) !== where) log.push(where);
      },
      true,
    );
    new MutationObserver(() => {
      if (document.getElementById('studio-shell')) once('shell shown');
      else if (log.includes('shell shown')) once('shell removed');
      if (document.querySelector('#root [data-testid="executor-status"]')) once('entry ran');
      if (document.querySelector('#root [data-testid="light-editor"]')) once('light view mounted');
      if (document.querySelector('.monaco-editor .view-lines')) once('Monaco mounted');
    }).observe(document, { childList: true, subtree: true });
  });
}

const events = (page: Page) =>
  page.evaluate(() => [...(window as unknown as { __editorEvents: string[] }).__editorEvents]);

/** Where a box is on screen, to the pixel. */
const box = (page: Page, selector: string) =>
  page.locator(selector).evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, top: r.top, width: r.width, height: r.height };
  });

/** The stored source of the open file in IndexedDB (autosaved), or null before it exists. */
async function storedSource(): Promise<string | null> {
  if (!(await indexedDB.databases()).some((d) => d.name === 'workflow-studio')) return null;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('workflow-studio');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    if (!db.objectStoreNames.contains('files')) return null;
    const tx = db.transaction(['files', 'settings'], 'readonly');
    const read = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const active = await read(tx.objectStore('settings').get('editor.activeFileId'));
    if (!active) return null;
    const file = await read(tx.objectStore('files').get(active.value));
    return file?.source ?? null;
  } finally {
    db.close();
  }
}

const shellText = (page: Page) => page.getByRole('textbox', { name: 'Editor (the studio is loading)' });
const lightText = (page: Page) => page.getByRole('textbox', { name: /^Editor \(light view/ });

/**
 * With the entry module held: the shell shows `code` and takes typing at the end of its first line; then React's
 * light view and Monaco take over while typing goes on. Returns the first line as typed.
 */
async function typeThroughTheHandOvers(page: Page, scheme: string, visit: string): Promise<string> {
  const shell = shellText(page);
  await expect(shell).toHaveValue(/class \w+\(WorkflowEntrypoint\):/);
  expect(await page.evaluate(() => performance.getEntriesByName('studio:editor-typable').length)).toBe(1);
  await shell.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.type(' # in the shell');
  // Tab indents, as in the light view and Monaco.
  await page.keyboard.press('Tab');
  const typedLine = (await shell.inputValue()).split('\n')[0] as string;
  expect(typedLine.endsWith(' # in the shell    ')).toBe(true);
  await snap(page, `shell-${visit}-${scheme}`);
  expect(await events(page)).toEqual(['shell shown', 'typed in shell']);
  return typedLine;
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`studio: the app shell (${scheme})`, () => {
    test.use({ colorScheme: scheme, viewport: { width: 1280, height: 720 } });

    test('first visit: the starter shows and takes typing before any module ran; React and Monaco take it over with no key lost', async ({
      page,
    }) => {
      const errors = recordErrors(page);
      await recordEditorEvents(page);
      await hold(page, PYTHON);
      const releaseEntry = await hold(page, ENTRY);
      const releaseMonaco = await hold(page, MONACO);
      // Not until "load": that waits for the held entry module.
      await page.goto('/', { waitUntil: 'commit' });

      const firstLine = await typeThroughTheHandOvers(page, scheme, 'first-visit');
      const shellBox = await box(page, '#studio-shell .light-editor');
      const dark = await page
        .locator('#studio-shell .light-editor')
        .evaluate((e) => e.classList.contains('light-editor--dark'));
      expect(dark).toBe(scheme === 'dark');

      // The studio's modules run while the user keeps typing: the light view takes the text, cursor and focus.
      releaseEntry();
      await page.keyboard.type(' during', { delay: 20 });
      const light = lightText(page);
      await expect(light).toHaveValue(/class \w+\(WorkflowEntrypoint\):/, { timeout: READY_TIMEOUT });
      await expect(page.locator('#studio-shell')).toHaveCount(0);
      await page.keyboard.type(' after');
      await expect(light).toHaveValue(new RegExp(`^${literal(`${firstLine} during after`)}\\n`));
      // On the same pixels, in the same colours: nothing moves when React takes over.
      expect(await box(page, '[data-testid="light-editor"]')).toEqual(shellBox);
      await snap(page, `shell-taken-over-first-visit-${scheme}`);

      // What was typed into the starter before it existed is saved with it (the first visit's draft).
      await expect
        .poll(() => page.evaluate(storedSource), { timeout: READY_TIMEOUT })
        .toMatch(new RegExp(`^${literal(`${firstLine} during after`)}\\n`));

      releaseMonaco();
      await expect(light).toHaveCount(0, { timeout: READY_TIMEOUT });
      await page.keyboard.type(' monaco');
      await expect(page.locator('.monaco-editor .view-line').first()).toHaveText(
        `${firstLine} during after monaco`.replace(/ /g, '\u00a0'),
      );
      const seen = await events(page);
      expect(seen.slice(0, 3)).toEqual(['shell shown', 'typed in shell', 'entry ran']);
      expect(seen.indexOf('shell removed')).toBeGreaterThan(seen.indexOf('entry ran'));
      expect(seen.indexOf('light view mounted')).toBeLessThan(seen.indexOf('Monaco mounted'));
      // Monaco takes keys through its own edit context (no input event here): its text above shows them.
      expect(seen.at(-1)).toBe('Monaco mounted');
      expect(seen).not.toContain('typed elsewhere');
      expect(errors).toEqual([]);
    });

    test('warm start: the open file’s copy shows and takes typing before any module ran, and what was typed is saved', async ({
      page,
    }) => {
      const errors = recordErrors(page);
      await hold(page, PYTHON);
      await page.goto('/');
      await expect(lightText(page)).toHaveValue(/WorkflowEntrypoint/, { timeout: READY_TIMEOUT });
      await expect
        .poll(() => page.evaluate(() => localStorage.getItem('workflow-studio.open-file')), { timeout: READY_TIMEOUT })
        .toContain('WorkflowEntrypoint');

      await recordEditorEvents(page);
      const releaseEntry = await hold(page, ENTRY);
      await hold(page, MONACO);
      await page.reload({ waitUntil: 'commit' });
      const firstLine = await typeThroughTheHandOvers(page, scheme, 'warm');
      const where = (selector: string) =>
        page.locator(selector).evaluate((e: HTMLTextAreaElement) => ({
          selection: [e.selectionStart, e.selectionEnd],
          scroll: [e.scrollTop, e.scrollLeft],
          focused: document.activeElement === e,
        }));
      const inShell = await where('#studio-shell textarea');
      // The typed line is wider than the pane: the shell scrolled sideways to the caret.
      expect(inShell.scroll[1]).toBeGreaterThan(0);
      releaseEntry();
      const light = lightText(page);
      await expect(page.locator('#studio-shell')).toHaveCount(0, { timeout: READY_TIMEOUT });
      // The light view took the caret, the scroll and the focus as they were.
      expect(await where('#root .light-editor__text')).toEqual(inShell);
      await page.keyboard.type(' during', { delay: 20 });
      await page.keyboard.type(' after');
      const expected = new RegExp(`^${literal(`${firstLine} during after`)}\\n`);
      await expect(light).toHaveValue(expected);
      await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved', { timeout: READY_TIMEOUT });
      expect(await page.evaluate(storedSource)).toMatch(expected);
      const seen = await events(page);
      expect(seen.slice(0, 3)).toEqual(['shell shown', 'typed in shell', 'entry ran']);
      expect(seen.at(-1)).toBe('typed in light view');
      expect(errors).toEqual([]);
    });
  });
}

test.describe('studio: the app shell fails', () => {
  test('a shell script that throws leaves the studio working: the light view shows the code and takes typing', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    await hold(page, PYTHON);
    await page
      .context()
      .route(/\/assets\/shell-[\w-]+\.js$/, (route) =>
        route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("broken shell");' }),
      );
    await page.goto('/');
    const light = lightText(page);
    await expect(light).toHaveValue(/WorkflowEntrypoint/, { timeout: READY_TIMEOUT });
    await expect(page.locator('#studio-shell')).toHaveCount(0);
    await light.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('# typed without a shell');
    await expect(light).toHaveValue(/# typed without a shell$/);
    await expect
      .poll(() => page.evaluate(storedSource), { timeout: READY_TIMEOUT })
      .toMatch(/# typed without a shell$/);
    expect(errors).toEqual(['pageerror: broken shell']);
  });

  test('the shell spawns the executor worker, whose head start fetches Pyodide before any module ran; the page takes that worker and Python gets ready', async ({
    page,
  }) => {
    const errors = recordErrors(page);
    const urls = recordRequests(page);
    const releaseEntry = await hold(page, ENTRY);
    await page.goto('/', { waitUntil: 'commit' });
    // The head start's first read (early-work.ts): Pyodide's runtime script, imported by the worker.
    await expect
      .poll(() => [...urls].some((u) => u.endsWith('/pyodide.asm.mjs')), { timeout: READY_TIMEOUT })
      .toBe(true);
    expect([...urls].filter((u) => /\/assets\/worker-[\w-]+\.js$/.test(u))).toHaveLength(1);
    expect(await page.locator('#root [data-testid="executor-status"]').count()).toBe(0); // the entry has not run
    releaseEntry();
    await expect(page.getByTestId('executor-status')).toHaveAttribute('data-status', 'ready', {
      timeout: READY_TIMEOUT,
    });
    expect(errors).toEqual([]);
  });

  test('when the files cannot be read, the shell goes and what was typed into it is kept in a notice', async ({
    page,
  }) => {
    // IndexedDB refuses every open in the page (as a broken profile may): the pane shows why, not code.
    await page.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('IndexedDB is unavailable here.', 'UnknownError');
      };
    });
    await hold(page, PYTHON);
    const releaseEntry = await hold(page, ENTRY);
    await page.goto('/', { waitUntil: 'commit' });
    const shell = shellText(page);
    await shell.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('# typed before the failure');
    releaseEntry();
    await expect(page.getByText('Your files could not be read from IndexedDB')).toBeVisible({ timeout: READY_TIMEOUT });
    await expect(page.locator('#studio-shell')).toHaveCount(0);
    const notice = page.getByText('What you typed while the studio loaded was not applied').locator('..');
    await expect(notice).toContainText(
      'The editor cannot show it here, so it was not saved. At line 34 you typed: # typed before the failure',
    );
    await snap(page, 'shell-dropped-files-unreadable');
  });

  test('when the interface cannot load, the shell keeps what was typed, read-only, and the page says so', async ({
    page,
  }) => {
    await hold(page, PYTHON);
    // The UI bundle answers 404 once the test has typed (a page opened before the site was rebuilt).
    let typed = () => {};
    const hasTyped = new Promise<void>((resolve) => {
      typed = resolve;
    });
    await page.context().route(/\/assets\/ui-[\w-]+\.js$/, async (route) => {
      await hasTyped;
      await route.fulfill({ status: 404, body: 'gone' });
    });
    await page.goto('/');
    const shell = shellText(page);
    await shell.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('# typed before the failure');
    typed();
    const failed = page.getByTestId('ui-load-failed');
    await expect(failed).toContainText("The studio's interface failed to load:", { timeout: READY_TIMEOUT });
    await expect(failed).toContainText(
      'What you typed meanwhile was not saved: copy it from the editor before you reload.',
    );
    await expect(shell).toHaveValue(/# typed before the failure$/);
    await expect(shell).not.toBeEditable();
  });
});

/** `text` as a literal in a regular expression. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
