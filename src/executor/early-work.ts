/**
 * What the executor worker's entry (worker.ts) begins before its code (executor-worker.ts, most of the worker's
 * script) has loaded: reaching OPFS and, on the page's `head-start` message, fetching and compiling Pyodide's
 * runtime script and reading the stored snapshot. Only reads: the worker may belong to a follower tab, which
 * terminates it unused. Imports nothing heavy, so the entry stays small.
 */
import { readStoredSnapshot, type StoredSnapshot } from '../persistence/snapshot-files';

export interface EarlyWork {
  /** The origin-private file system's root, being reached (undefined without OPFS). */
  opfsRoot: Promise<unknown> | undefined;
  /**
   * The snapshot stored in OPFS, read on the head start (undefined when there is none or none was begun). Handed
   * over once: the ~30 MB are not kept here after that.
   */
  takeStoredSnapshot(): Promise<StoredSnapshot | undefined>;
  /** Begins the head start's reads for Pyodide at `indexURL` (once). */
  headStart(indexURL: string): void;
}

/** What the early work needs from the worker (injected for tests). */
export interface EarlyWorkDeps {
  getDirectory?(): Promise<unknown>;
  /** Starts importing a module by URL (a dynamic `import()`): Pyodide's runtime script, 1.2 MB to compile. */
  preload(url: string): void;
}

export function beginEarlyWork(deps: EarlyWorkDeps): EarlyWork {
  // The worker's first storage access (tens of ms under load); it changes nothing.
  const opfsRoot = deps.getDirectory?.();
  opfsRoot?.catch(() => undefined);
  let begun = false;
  let stored: Promise<StoredSnapshot | undefined> | undefined;
  return {
    opfsRoot,
    takeStoredSnapshot() {
      const taken = stored ?? Promise.resolve(undefined);
      stored = undefined;
      return taken;
    },
    headStart(indexURL) {
      if (begun) return;
      begun = true;
      deps.preload(`${indexURL}pyodide.asm.mjs`);
      stored = readStoredSnapshot(opfsRoot);
    },
  };
}

/** The part of the worker's global scope `keepArrivals` uses. */
export interface ArrivalScope {
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
}

/**
 * Keeps every message that arrives while the executor's code loads (a message nobody listens for is lost), and
 * begins the head start on the page's `head-start` message. `handOver()` stops keeping and returns them in the
 * order they came, for the message loop to handle before any later one.
 */
export function keepArrivals(scope: ArrivalScope, early: EarlyWork): { handOver(): MessageEvent[] } {
  const arrived: MessageEvent[] = [];
  const keep = (e: MessageEvent) => {
    arrived.push(e);
    const data = e.data as { type?: unknown; indexURL?: unknown } | null;
    if (data?.type === 'head-start' && typeof data.indexURL === 'string') early.headStart(data.indexURL);
  };
  scope.addEventListener('message', keep);
  return {
    handOver() {
      scope.removeEventListener('message', keep);
      return arrived.splice(0);
    },
  };
}
