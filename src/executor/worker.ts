/**
 * Entry of the executor module worker (spawned by the page with `{ type: 'module' }`). Kept small: most of the
 * worker's script (executor-worker.ts: Pyodide's loader, the database, the engine, the SDK's sources) takes a
 * while to load and evaluate, and what needs none of it starts here first (early-work.ts): reaching OPFS and, on
 * the page's `head-start` message, importing Pyodide's runtime script and reading the stored snapshot. Messages
 * that arrive meanwhile are kept and handed over in order.
 */
import { beginEarlyWork, keepArrivals } from './early-work';

const early = beginEarlyWork({
  ...(navigator.storage?.getDirectory ? { getDirectory: () => navigator.storage.getDirectory() } : {}),
  preload: (url) => void import(/* @vite-ignore */ url).catch(() => {}),
});
const arrivals = keepArrivals(self, early);

import('./executor-worker').then(
  ({ startExecutorWorker }) => {
    startExecutorWorker(early, arrivals.handOver());
  },
  // As an error of the worker's script (the supervisor replaces the worker), not an unhandled rejection.
  (error: unknown) =>
    setTimeout(() => {
      throw error;
    }),
);
