/**
 * Composition root: starts the Python executor at once (its cold start is ~5 s, so it must not wait for
 * React), then renders the studio around it.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createSupervisor } from './supervisor';
import { App, SupervisorContext } from './ui';

const supervisor = createSupervisor({
  spawn: () => new Worker(new URL('./executor/worker.ts', import.meta.url), { type: 'module', name: 'executor' }),
  now: () => performance.now(),
  pyodideIndexURL: new URL(`${import.meta.env.BASE_URL}pyodide/`, window.location.origin).href,
});

// In dev, a hot update of this module would otherwise leave the old worker running.
import.meta.hot?.dispose(() => supervisor.dispose());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <SupervisorContext value={supervisor}>
      <App />
    </SupervisorContext>
  </StrictMode>,
);
