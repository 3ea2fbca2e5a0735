/**
 * Composition root. The executor's cold start takes seconds, so this module starts it before anything else:
 * it only imports the supervisor and spawns (or, in a follower tab, joins) the executor.
 *
 * The UI bundle (React, Monaco, React Flow, the analysis: ~4.5 MB) is loaded once Python is ready — or failed,
 * or restarting, or after `UI_AT_THE_LATEST_MS`. On the 2-core machine the studio is built on, the UI's
 * start-up work competed with Pyodide's boot in the worker: it made "Python ready" about 25 % later on a first
 * visit while the UI itself appeared no sooner (bench/browser-start.bench.ts). Until then the page shows the
 * one status line the status bar would show.
 */
import { INTERRUPT, type TabMessage } from './protocol';
import { type ChannelLike, createExecutorSupervisor, createStudioClient, type StudioClient } from './supervisor';

declare global {
  interface Window {
    /** The tab's studio client, for e2e tests, benchmarks and the devtools console (same object the UI uses). */
    __studio?: StudioClient;
  }
}

const pyodideIndexURL = new URL(`${import.meta.env.BASE_URL}pyodide/`, window.location.origin).href;

const client = createStudioClient({
  now: () => performance.now(),
  ...(navigator.locks ? { locks: navigator.locks } : {}),
  ...(typeof BroadcastChannel === 'function'
    ? { channel: new BroadcastChannel('workflow-studio') as ChannelLike<TabMessage> }
    : {}),
  startExecutor: (notify) =>
    createExecutorSupervisor({
      spawn: () => new Worker(new URL('./executor/worker.ts', import.meta.url), { type: 'module', name: 'executor' }),
      now: () => performance.now(),
      pyodideIndexURL,
      // The interrupt buffer needs cross-origin isolation (COOP/COEP, served by vite.config.ts).
      createInterruptBuffer: () =>
        crossOriginIsolated ? new SharedArrayBuffer(INTERRUPT.length * Int32Array.BYTES_PER_ELEMENT) : undefined,
      notify,
    }),
});
window.__studio = client;

// In dev, a hot update of this module would otherwise leave the old worker running.
import.meta.hot?.dispose(() => client.dispose());

/** Rendering the UI does not wait longer than this for Python. */
const UI_AT_THE_LATEST_MS = 20_000;

/** A plain-DOM "Python starting… 1.2 s" line (the status bar's words) until the UI renders; returns its remover. */
function showStartingLine(root: HTMLElement): () => void {
  const line = document.createElement('div');
  line.setAttribute('role', 'status');
  line.setAttribute('data-testid', 'executor-status');
  line.setAttribute('data-status', 'starting');
  line.style.cssText = 'font: 13px system-ui, sans-serif; padding: 8px 12px; opacity: 0.8';
  const tick = () => {
    const state = client.getState();
    line.textContent = `Python starting… ${(Math.max(0, performance.now() - state.since) / 1000).toFixed(1)} s`;
    // Where the boot is (opening-database, restoring-snapshot…), for tests and for a person in devtools.
    if (state.status === 'starting' && state.phase) line.setAttribute('data-phase', state.phase);
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
  const line = document.createElement('div');
  line.setAttribute('role', 'alert');
  line.setAttribute('data-testid', 'ui-load-failed');
  line.style.cssText = 'font: 13px system-ui, sans-serif; padding: 8px 12px';
  const message = error instanceof Error ? error.message : String(error);
  line.textContent = `The studio's interface failed to load: ${message}. Reload the page; if the site was just rebuilt, the reload fetches the new files. Your workflows and journals are kept in this browser.`;
  root.append(line);
}

/** Resolves when the executor has left `starting` (ready, failed, restarting), or after `UI_AT_THE_LATEST_MS`. */
function pythonSettled(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      unsubscribe();
      clearTimeout(timer);
      resolve();
    };
    const unsubscribe = client.subscribe(() => client.getState().status !== 'starting' && done());
    const timer = setTimeout(done, UI_AT_THE_LATEST_MS);
    if (client.getState().status !== 'starting') done();
  });
}

async function render(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  const hideStartingLine = showStartingLine(root);
  await pythonSettled();
  let modules: [
    typeof import('react'),
    typeof import('react-dom/client'),
    typeof import('./ui'),
    typeof import('./ui/hooks/useStudioClient'),
  ];
  try {
    modules = await Promise.all([
      import('react'),
      import('react-dom/client'),
      import('./ui'),
      import('./ui/hooks/useStudioClient'),
    ]);
  } catch (error) {
    hideStartingLine();
    showUiLoadFailure(root, error);
    throw error;
  }
  const [{ StrictMode }, { createRoot }, { App, SupervisorContext }, { StudioClientContext }] = modules;
  hideStartingLine();
  createRoot(root).render(
    <StrictMode>
      <StudioClientContext value={client}>
        <SupervisorContext value={client}>
          <App />
        </SupervisorContext>
      </StudioClientContext>
    </StrictMode>,
  );
}

void render();
