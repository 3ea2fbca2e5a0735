/**
 * Composition root. The executor's cold start takes seconds, so this module starts it before anything else:
 * it imports only the supervisor (and the words for boot phases), spawns the executor worker first thing, which
 * begins restoring Python at once (its head start), and boots it as soon as the tab is elected leader (the boot
 * claims that start; a follower tab, which joins the leader's executor instead, terminates it unused). The UI bundle (React, React Flow, the analysis)
 * is imported at once too, whatever Python is doing, so the studio shows the file's code and takes typing while
 * Python boots: editing (a light view until Monaco, a chunk of its own, has loaded: editor/EditorPane.tsx), files,
 * samples, the graph (static analysis) and the instances list (IndexedDB) need no Python, and what does (Run,
 * Send event, …) says "Python is starting…" until it is ready. The open file is read while the UI bundle loads
 * (its copy in localStorage, else plain IndexedDB), so the first render already shows its code. Until the UI
 * renders, the page shows the one status line the status bar would show.
 */
import { version as pyodideVersion } from 'pyodide/package.json';
import { readOpenFileCopy } from './persistence/open-file-copy';
import { readOpenFile } from './persistence/read-open-file';
import { type HeadStart, SHARED_BUFFER_BYTES, type TabMessage } from './protocol';
import { takeShellExecutor } from './shell/early-executor';
import { freezeShell } from './shell/shell-state';
import {
  type ChannelLike,
  createEarlyWorker,
  createExecutorSupervisor,
  createStudioClient,
  type EarlyWorker,
  type JournalMirrorWorker,
  type StudioClient,
  storageBusyRecord,
} from './supervisor';
import type { BootPhase } from './ui/status/boot-phase';
import { startingLine } from './ui/status/describe-executor';

declare global {
  interface Window {
    /**
     * The tab's studio client (the same object the UI uses), for e2e tests, benchmarks and the devtools console:
     * set in the dev server and the test build (`vite build --mode test`) only, never in production.
     */
    __studio?: StudioClient;
  }
}

// Versioned, as vite.config.ts serves it, so the runtime files may be cached for good.
const pyodideIndexURL = new URL(`${import.meta.env.BASE_URL}pyodide/${pyodideVersion}/`, window.location.origin).href;

const spawnExecutor = () =>
  new Worker(new URL('./executor/worker.ts', import.meta.url), { type: 'module', name: 'executor' });

/** A journal mirror worker beside an executor, connected to it by a channel whose other end the executor gets. */
function spawnJournalMirror(): JournalMirrorWorker {
  const worker = new Worker(new URL('./executor/journal-mirror-worker.ts', import.meta.url), {
    type: 'module',
    name: 'journal-mirror',
  });
  const channel = new MessageChannel();
  worker.postMessage({ type: 'connect' }, [channel.port2]);
  return {
    port: channel.port1,
    onError: (listener) =>
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        listener(e.message || 'its script failed to load or threw');
      }),
    terminate: () => worker.terminate(),
  };
}
/**
 * The executor's worker, spawned first thing, before the lock request: its script loads and its head start
 * (protocol `HeadStart`) restores Python while the Web Lock says whether this tab leads, and a leader's boot
 * request claims it. The worker's start (its thread and script, 70–110 ms after the spawn) begins the path to
 * "Python ready", so nothing comes before it. A follower terminates it unused (`onFollower`); without Web Locks
 * the tab leads at once and takes it. In the built studio the app shell spawned it already, before this module
 * was fetched (shell/early-executor.ts): it is taken over here with what it sent meanwhile.
 */
const fromShell = takeShellExecutor(window, pyodideIndexURL);
const early: EarlyWorker = createEarlyWorker(() => {
  if (fromShell) return fromShell.worker;
  const worker = spawnExecutor();
  worker.postMessage({ type: 'head-start', indexURL: pyodideIndexURL } satisfies HeadStart);
  return worker;
}, fromShell?.kept);

const client = createStudioClient({
  now: () => performance.now(),
  // The user waits from navigation, where `performance.now()` is 0, not from when this module ran.
  waitStartedAt: 0,
  ...(navigator.locks ? { locks: navigator.locks } : {}),
  ...(typeof BroadcastChannel === 'function'
    ? { channel: new BroadcastChannel('workflow-studio') as ChannelLike<TabMessage> }
    : {}),
  onFollower: () => early.dispose(),
  startExecutor: (notify, waitStartedAt) => {
    // When this tab became leader and created its supervisor (the benchmarks report it; its state counts from
    // navigation).
    performance.mark('studio:executor-supervisor');
    return createExecutorSupervisor({
      spawn: () => early.take() ?? spawnExecutor(),
      // A restart (Terminate of code that ignores the interrupt) then skips loading the worker's script.
      standbyWorker: true,
      spawnJournalMirror,
      now: () => performance.now(),
      ...(waitStartedAt === undefined ? {} : { waitStartedAt }),
      pyodideIndexURL,
      // The interrupt buffer needs cross-origin isolation (COOP/COEP, served by vite.config.ts).
      createInterruptBuffer: () => (crossOriginIsolated ? new SharedArrayBuffer(SHARED_BUFFER_BYTES) : undefined),
      // A step that keeps Python busy when the page goes away is journaled as stopped by the next executor.
      busyRecord: storageBusyRecord(localStorage, 'workflow-studio.busy-attempts'),
      notify,
    });
  },
});
if (import.meta.env.MODE !== 'production') window.__studio = client;

// In dev, a hot update of this module would otherwise leave the old worker running.
import.meta.hot?.dispose(() => {
  early.dispose();
  client.dispose();
});

/**
 * A plain-DOM "Python is starting… 0.4 s · opening IndexedDB" line (the status bar's words) until the UI renders;
 * its phase only moves forward (`startingLine`), also while the UI loads after Python is ready.
 */
function showStartingLine(root: HTMLElement): () => void {
  let shown: BootPhase;
  const line = document.createElement('div');
  line.setAttribute('role', 'status');
  line.setAttribute('data-testid', 'executor-status');
  line.setAttribute('data-status', 'starting');
  line.style.cssText = 'font: 13px system-ui, sans-serif; padding: 8px 12px; opacity: 0.8';
  const tick = () => {
    const { text, phase } = startingLine(client.getState(), performance.now(), shown);
    shown = phase;
    line.textContent = text;
    if (phase) line.setAttribute('data-phase', phase);
    else line.removeAttribute('data-phase');
  };
  tick();
  const timer = setInterval(tick, 100);
  root.append(line);
  return () => {
    clearInterval(timer);
    line.remove();
  };
}

/**
 * The UI bundle did not load (a chunk missing, e.g. the site was rebuilt while this page was open, or the
 * network failed): say so instead of counting "Python starting…" forever. Python itself may be fine.
 */
function showUiLoadFailure(root: HTMLElement, error: unknown): void {
  // The app shell's editor (src/shell/) stays, read-only: nothing would save what is typed into it.
  const typed = freezeShell(document);
  const line = document.createElement('div');
  line.setAttribute('role', 'alert');
  line.setAttribute('data-testid', 'ui-load-failed');
  line.style.cssText = 'font: 13px system-ui, sans-serif; padding: 8px 12px';
  const message = error instanceof Error ? error.message : String(error);
  line.textContent = `The studio's interface failed to load: ${message}. Reload the page; if the site was just rebuilt, the reload fetches the new files. Your workflows and journals are kept in this browser.${typed ? ' What you typed meanwhile was not saved: copy it from the editor before you reload.' : ''}`;
  root.append(line);
}

/** A rejection reported elsewhere (see its caller). */
const ignoreHere = () => undefined;

async function render(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  const hideStartingLine = showStartingLine(root);
  // The open file is known before the UI bundle has run, so the first render shows its code: its copy in
  // localStorage (written by the files controller when it was opened or saved: a saved version, checked against
  // IndexedDB afterwards) is read at once; without one, it is read with plain IndexedDB (no Dexie yet). It is
  // handed to the files controller (with Dexie, a small chunk of its own), which fills the store. `App` calls
  // the same `load()` again (one read) and opens a share link after it; a failure to read is shown there. A
  // failure to load this chunk fails the UI bundle's import below too, which says so.
  const copy = readOpenFileCopy(typeof localStorage === 'undefined' ? undefined : localStorage);
  const openFile = copy
    ? Promise.resolve(copy)
    : readOpenFile(typeof indexedDB === 'undefined' ? undefined : indexedDB);
  import('./ui/files/files').then(({ getFilesController }) => getFilesController().load(openFile), ignoreHere);
  let modules: [typeof import('react'), typeof import('react-dom/client'), typeof import('./ui')];
  try {
    modules = await Promise.all([import('react'), import('react-dom/client'), import('./ui')]);
  } catch (error) {
    hideStartingLine();
    showUiLoadFailure(root, error);
    throw error;
  }
  const [{ StrictMode }, { createRoot }, { App, StudioClientContext }] = modules;
  hideStartingLine();
  createRoot(root).render(
    <StrictMode>
      <StudioClientContext value={client}>
        <App />
      </StudioClientContext>
    </StrictMode>,
  );
}

void render();
