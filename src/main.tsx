/**
 * Composition root. The executor's cold start takes seconds, so this module starts it before anything else:
 * it only imports the supervisor and spawns (or, in a follower tab, joins) the executor. The UI bundle
 * (React, React Flow, the analysis) is imported once the worker has reported its first boot phase — it is
 * then running and fetching Pyodide, so the UI's parsing does not delay the worker's start — and the studio
 * is usable at once: editing, files, samples, the graph (static analysis) and the instances list (IndexedDB)
 * need no Python. What does (Run, Send event, …) says "Python is starting…" until it is ready. Monaco, the
 * biggest part, is its own chunk, loaded by the editor pane at once on a cold start, after a warm one
 * (ui/editor/useMonacoGate.ts).
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

/** The UI does not wait longer than this for the worker's first sign of life. */
const UI_AT_THE_LATEST_MS = 1_000;

/**
 * Resolves once the executor is under way: its worker reported a boot phase (so it runs and fetches Pyodide),
 * or it left `starting`, or after `UI_AT_THE_LATEST_MS` (a follower tab, whose leader is already up, or a
 * worker that is slow to load: the UI then says so itself).
 */
function executorUnderway(): Promise<void> {
  return new Promise((resolve) => {
    const underway = () => {
      const s = client.getState();
      return s.status !== 'starting' || s.phase !== undefined;
    };
    const done = () => {
      unsubscribe();
      clearTimeout(timer);
      resolve();
    };
    const unsubscribe = client.subscribe(() => underway() && done());
    const timer = setTimeout(done, UI_AT_THE_LATEST_MS);
    if (underway()) done();
  });
}

async function render(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  await executorUnderway();
  const [{ StrictMode }, { createRoot }, { App, SupervisorContext }, { StudioClientContext }] = await Promise.all([
    import('react'),
    import('react-dom/client'),
    import('./ui'),
    import('./ui/hooks/useStudioClient'),
  ]);
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
