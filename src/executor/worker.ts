/**
 * Entry of the executor module worker (spawned by the page with `{ type: 'module' }`). Kept small: most of the
 * worker's script (executor-worker.ts: Pyodide's loader, the database, the engine, the SDK's sources) takes a
 * while to load and evaluate, and what needs none of it starts here first (early-work.ts): reaching OPFS and, on
 * the page's `head-start` message, importing Pyodide's runtime script and reading the stored snapshot (or, with
 * none stored, downloading the shipped one). Messages that arrive meanwhile are kept and handed over in order.
 */
import { beginEarlyWork, keepArrivals } from './early-work';
import { fetchShippedSnapshot } from './shipped-snapshot';

/** Set at build time (vite-plugins/python-snapshot.ts); absent, no download begins here. */
const shippedKey: unknown = import.meta.env.STUDIO_SHIPPED_SNAPSHOT_KEY;

const early = beginEarlyWork({
  ...(navigator.storage?.getDirectory ? { getDirectory: () => navigator.storage.getDirectory() } : {}),
  preload: (url) => void import(/* @vite-ignore */ url).catch(() => {}),
  ...(typeof shippedKey === 'string'
    ? {
        shipped: {
          key: shippedKey,
          fetch: (indexURL, key) =>
            fetchShippedSnapshot(indexURL, key, { fetch: (...args) => fetch(...args), origin: self.location.origin }),
        },
      }
    : {}),
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
