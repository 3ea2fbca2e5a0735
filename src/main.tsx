/**
 * Composition root. The executor's cold start is ~5 s, so this module starts it before anything else: it
 * only imports the supervisor, spawns (or, in a follower tab, joins) the executor, and then loads the UI
 * bundle (React, Monaco…) while Python boots in the worker.
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

async function render(): Promise<void> {
  const [{ StrictMode }, { createRoot }, { App, SupervisorContext }, { StudioClientContext }] = await Promise.all([
    import('react'),
    import('react-dom/client'),
    import('./ui'),
    import('./ui/hooks/useStudioClient'),
  ]);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
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
