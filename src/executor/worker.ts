/**
 * Entry of the executor module worker (spawned by the page with `{ type: 'module' }`). Kept small: most of the
 * worker's script (executor-worker.ts: Pyodide's loader, the database, the engine, the SDK's sources) takes a
 * while to load and evaluate, and what needs none of it starts here first (early-work.ts): reaching OPFS and, on
 * the page's `head-start` message, importing Pyodide's runtime script and reading the stored snapshot. Messages
 * that arrive meanwhile are kept and handed over in order.
 */
import { beginEarlyWork } from './early-work';

const early = beginEarlyWork({
  ...(navigator.storage?.getDirectory ? { getDirectory: () => navigator.storage.getDirectory() } : {}),
  preload: (url) => void import(/* @vite-ignore */ url).catch(() => {}),
});
const arrived: MessageEvent[] = [];
const keep = (e: MessageEvent) => {
  arrived.push(e);
  if (e.data?.type === 'head-start' && typeof e.data.indexURL === 'string') early.headStart(e.data.indexURL);
};
self.addEventListener('message', keep);

import('./executor-worker').then(
  ({ startExecutorWorker }) => {
    self.removeEventListener('message', keep);
    startExecutorWorker(early, arrived.splice(0));
  },
  // As an error of the worker's script (the supervisor replaces the worker), not an unhandled rejection.
  (error: unknown) =>
    setTimeout(() => {
      throw error;
    }),
);
