/**
 * Shared by the browser benchmarks (`browser-*.bench.ts`, `ui-*.bench.ts`): builds the app once, serves it with
 * `vite preview` on a free 127.0.0.1 port (started by the bench, stopped when the process exits), and
 * launches the system's Chromium through Playwright, as the e2e tests do.
 *
 * For the baseline it also serves a bare page (`/__bench/bare.html`) whose module worker does nothing but
 * `loadPyodide()` from the same `/pyodide/<version>/` files the studio uses: "page load → Python ready" with no app.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type LaunchOptions, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../chromium';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

// No inline script: the studio's Content-Security-Policy (csp.ts, sent by vite preview) allows 'self' only.
const BARE_HTML = `<!doctype html><meta charset="utf-8"><title>bare loadPyodide</title>
<script type="module" src="/__bench/bare.mjs"></script>`;

const BARE_PAGE = `const worker = new Worker('/__bench/bare-worker.mjs', { type: 'module' });
window.__bare = new Promise((resolve, reject) => {
  worker.onmessage = (e) => resolve({ readyAt: performance.now(), ...e.data });
  worker.onerror = (e) => reject(new Error(e.message));
});
`;

const PYODIDE_VERSION = (
  JSON.parse(readFileSync(join(root, 'node_modules', 'pyodide', 'package.json'), 'utf8')) as { version: string }
).version;

const BARE_WORKER = `import { loadPyodide } from '/__bench/pyodide.mjs';
const t0 = performance.now();
const pyodide = await loadPyodide({ indexURL: new URL('/pyodide/${PYODIDE_VERSION}/', self.location.origin).href });
const loadMs = performance.now() - t0;
postMessage({ loadMs, python: pyodide.runPython('import sys; sys.version.split()[0]') });
`;

let server: Promise<string> | undefined;
let child: ChildProcess | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Where the benchmarks build the app: their own folder, not `dist/`. An e2e run (`vite build` into `dist/`) in
 * the same checkout during a long bench run replaced the chunks the served pages load, so a page opened later
 * failed to load its UI ("page.waitForFunction: Timeout 30000ms exceeded" in the graph bench).
 */
const OUT_DIR = join(root, 'bench', '.out', 'dist');

/** The Python snapshots the build ships (vite-plugins/python-snapshot.ts): file name and size in bytes. */
export function shippedSnapshots(): Array<{ name: string; bytes: number }> {
  const { version } = JSON.parse(readFileSync(join(root, 'node_modules', 'pyodide', 'package.json'), 'utf8'));
  const dir = join(OUT_DIR, 'pyodide', version, 'snapshots');
  return readdirSync(dir).map((name) => ({ name, bytes: statSync(join(dir, name)).size }));
}

/** Builds the app (once per process) into {@link OUT_DIR}, adds the bare baseline page, serves it. Resolves the origin. */
export function serveStudio(): Promise<string> {
  server ??= (async () => {
    // The test flavour: it has window.__studio and the ?bench=graph page (vite-plugins/no-test-hooks.ts).
    execFileSync(
      bin('vite'),
      ['build', '--mode', 'test', '--logLevel', 'error', '--outDir', OUT_DIR, '--emptyOutDir'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    const bench = join(OUT_DIR, '__bench');
    mkdirSync(bench, { recursive: true });
    copyFileSync(join(root, 'node_modules', 'pyodide', 'pyodide.mjs'), join(bench, 'pyodide.mjs'));
    writeFileSync(join(bench, 'bare.html'), BARE_HTML);
    writeFileSync(join(bench, 'bare.mjs'), BARE_PAGE);
    writeFileSync(join(bench, 'bare-worker.mjs'), BARE_WORKER);
    const port = await freePort();
    child = spawn(
      bin('vite'),
      ['preview', '--outDir', OUT_DIR, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
      { cwd: root, stdio: 'ignore' },
    );
    process.once('exit', () => child?.kill());
    const origin = `http://127.0.0.1:${port}`;
    await waitForHttp(`${origin}/`, 30_000);
    return origin;
  })();
  return server;
}

const launchOptions = (): LaunchOptions => ({ executablePath: findChromium(), args: CHROMIUM_ARGS });

/** A fresh browser (empty HTTP cache, empty IndexedDB): a first visit. Close it when done. */
export async function freshBrowser(): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await chromium.launch(launchOptions());
  const context = await browser.newContext();
  const page = await context.newPage();
  return { browser, context, page };
}

/** A browser on a profile directory that survives `close()`: HTTP cache and IndexedDB persist, as for a user. */
export async function persistentBrowser(userDataDir: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(userDataDir, launchOptions());
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** What the studio reports once Python is ready: when (page clock, ms since navigation) and how. */
export interface StudioReady {
  readyAt: number;
  /**
   * When the editor first showed the open file's code ready for typing (ms since navigation): the app shell's mark
   * (src/shell/), or LightEditor's when there was no shell.
   */
  typableAt: number;
  /** When React's light view mounted with the open file (ms since navigation; LightEditor's mark). */
  lightViewAt: number;
  /** When the graph first showed the open file's plan (ms since navigation; GraphPane's mark). */
  graphShownAt: number;
  /** When the instance list first showed what IndexedDB holds (ms since navigation; InstancesPane's mark). */
  instancesShownAt: number;
  /** When the tab's executor supervisor was created, i.e. the tab became leader (ms since navigation); main.tsx spawns the worker itself earlier. */
  spawnAt: number;
  coldStartMs: number;
  warm: boolean;
  /** Which snapshot Python started from (`shipped`, `used`) or why none (protocol `SnapshotUse`). */
  snapshot: string;
  /** Size of the shipped snapshot restored, in bytes (`snapshot: 'shipped'` only). */
  snapshotBytes?: number;
  loadMs: number;
  bootMs: number;
  /** The worker's boot phases (ms). */
  phases: Record<string, number>;
}

/** Opens the studio and waits until its executor is ready. */
export async function openStudio(page: Page, origin: string): Promise<StudioReady> {
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => window.__studio?.getState().status === 'ready', undefined, { timeout: 120_000 });
  await page.waitForFunction(
    () =>
      ['studio:editor-typable', 'studio:graph-shown', 'studio:instances-shown'].every(
        (mark) => performance.getEntriesByName(mark).length > 0,
      ),
    undefined,
    { timeout: 120_000 },
  );
  return page.evaluate(() => {
    const s = window.__studio?.getState();
    if (s?.status !== 'ready') throw new Error('not ready');
    return {
      readyAt: s.since + s.coldStartMs,
      typableAt: performance.getEntriesByName('studio:editor-typable')[0]?.startTime ?? Number.NaN,
      lightViewAt: performance.getEntriesByName('studio:light-view')[0]?.startTime ?? Number.NaN,
      graphShownAt: performance.getEntriesByName('studio:graph-shown')[0]?.startTime ?? Number.NaN,
      instancesShownAt: performance.getEntriesByName('studio:instances-shown')[0]?.startTime ?? Number.NaN,
      // The state counts from navigation (since 0); main.tsx marks when the supervisor was created.
      spawnAt: performance.getEntriesByName('studio:executor-supervisor').at(-1)?.startTime ?? Number.NaN,
      coldStartMs: s.coldStartMs,
      warm: s.warm,
      snapshot: s.python.snapshot ?? 'unknown',
      ...(s.python.snapshotBytes !== undefined ? { snapshotBytes: s.python.snapshotBytes } : {}),
      loadMs: s.python.loadMs,
      bootMs: s.python.bootMs ?? Number.NaN,
      phases: s.python.phases ?? {},
    };
  });
}

/** Opens the bare page and waits for its worker's `loadPyodide()`. */
export async function openBare(page: Page, origin: string): Promise<{ readyAt: number; loadMs: number }> {
  await page.goto(`${origin}/__bench/bare.html`);
  await page.waitForFunction(() => '__bare' in window);
  return page.evaluate(() => (window as unknown as { __bare: Promise<{ readyAt: number; loadMs: number }> }).__bare);
}

/** Whether the page's origin holds a stored Python snapshot: a non-empty file in OPFS (persistence/snapshot-files.ts). */
async function hasSnapshotFile(): Promise<boolean> {
  const root = await navigator.storage.getDirectory();
  const dir = await root.getDirectoryHandle('pyodide-snapshots', { create: true });
  // The file exists (empty) from the start of the write, and the data lands in it when the write is closed
  // (until then Chromium writes a `.crswap` file next to it).
  const files = (dir as unknown as { values(): AsyncIterable<FileSystemFileHandle> }).values();
  for await (const file of files) if (file.name.endsWith('.snapshot') && (await file.getFile()).size > 0) return true;
  return false;
}

/**
 * Resolves once the studio has stored its Python snapshot (it does so after "ready"). Polls with `evaluate`:
 * `waitForFunction` does not wait for a predicate's promise (a pending promise counts as truthy).
 */
export async function waitForSnapshot(page: Page, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await page.evaluate(hasSnapshotFile))) {
    if (Date.now() > until) throw new Error(`the studio stored no Python snapshot within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Waits until `ready` holds in the page, or fails at once with the page's own words when its UI bundle did not
 * load (main.tsx then shows `ui-load-failed`), instead of a bare "waitForFunction: Timeout" much later.
 */
export async function waitForUi(page: Page, ready: () => unknown, timeoutMs = 120_000): Promise<void> {
  const failure = page.getByTestId('ui-load-failed');
  const failed = failure.waitFor({ timeout: timeoutMs }).then(
    async () => {
      throw new Error(`the studio page did not load its UI: ${await failure.textContent()}`);
    },
    () => undefined, // no failure shown before the timeout: `ready` decides
  );
  const done = page.waitForFunction(ready, undefined, { timeout: timeoutMs });
  done.catch(() => undefined); // when `failed` wins, this one rejects later, as the page closes
  await Promise.race([done, failed]);
}
