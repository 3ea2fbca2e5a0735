/**
 * The executor worker's code, loaded by its entry (worker.ts) once the entry has begun what needs no code of
 * ours. Wires the real worker global, the real Pyodide and the SDK sources into the message loop; all logic is
 * in executor-host.ts (messages), boot-executor.ts (composition) and executor-core.ts (commands).
 */
import { loadPyodide, version as pyodideVersion } from 'pyodide';
import { openOpfsSyncFile, openSnapshotFiles, withStoredSnapshot } from '../persistence';
import { bootExecutor } from './boot-executor';
import { browserSql } from './browser-sql';
import type { EarlyWork } from './early-work';
import { startExecutorHost, type WorkerScope } from './executor-host';
import { fetchShippedSnapshot } from './shipped-snapshot';
import { createHeadStart, type PythonHeadStart, type StartPythonDeps } from './start-python';
import { failOnRuntimeFetchError } from './watch-fetches';

const sdkSources = import.meta.glob<string>('../runtime/python/**/*.py', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The parts of the worker's global scope used here. */
const global = self as unknown as {
  postMessage(message: unknown): void;
  addEventListener(type: string, listener: (e: Event) => void): void;
  close(): void;
};

/** A macrotask without the 4 ms clamp of nested `setTimeout(0)`: the engine defers eviction checks with it. */
function createDefer(): (cb: () => void) => void {
  const queue: Array<() => void> = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => queue.shift()?.();
  return (cb) => {
    queue.push(cb);
    channel.port2.postMessage(0);
  };
}

/**
 * Starts the executor's message loop on this worker, with the work its entry began (`early`) and the messages
 * that arrived while this module loaded, in order.
 */
export function startExecutorWorker(early: EarlyWork, arrived: readonly MessageEvent[]): void {
  let onMessage: ((e: MessageEvent) => void) | undefined;
  const scope: WorkerScope = {
    postMessage: (message) => global.postMessage(message),
    addEventListener(type: 'message' | 'unhandledrejection', listener: (e: never) => void) {
      global.addEventListener(type, listener as (e: Event) => void);
      if (type === 'message') onMessage = listener as (e: MessageEvent) => void;
    },
  };
  /** What starting Python needs, the same for a head start and a boot. */
  const startDeps: StartPythonDeps = {
    loadPyodide: (options) => failOnRuntimeFetchError(self, options.indexURL, () => loadPyodide(options)),
    pyodideVersion,
    sdkSources,
    fetchShippedSnapshot: (indexURL, key) =>
      fetchShippedSnapshot(indexURL, key, { fetch: (...args) => fetch(...args), origin: self.location.origin }),
    // STUDIO_CONNECT_ORIGINS at build time (vite.config.ts): allowed here and in the page's CSP.
    network: {
      allow: (import.meta.env.STUDIO_CONNECT_ORIGINS ?? '').split(' ').filter((o: string) => o !== ''),
      csp: !import.meta.env.DEV,
    },
    now: () => performance.now(),
    snapshotFiles: async () => {
      const root = early.opfsRoot;
      const files = await openSnapshotFiles(root ? { getDirectory: () => root } : undefined);
      return files && withStoredSnapshot(files, await early.takeStoredSnapshot());
    },
    // loadPyodide() imports this same URL later and gets the module already fetched and compiled.
    preload: (indexURL) => void import(/* @vite-ignore */ `${indexURL}pyodide.asm.mjs`).catch(() => {}),
  };

  /** Begun on the page's `head-start` message (sent at spawn), claimed by the boot request. */
  let headStart: PythonHeadStart | undefined;

  startExecutorHost(scope, {
    headStart: ({ indexURL }) => {
      headStart ??= createHeadStart(
        { indexURL },
        {
          ...startDeps,
          onUnhandledRejection: (listener) =>
            self.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => listener(e.reason)),
        },
      );
    },
    boot: (input, emit, journalOpen) =>
      bootExecutor(
        input,
        {
          ...startDeps,
          claimHeadStart: (params, progress) => headStart?.claim(params, progress),
          emit,
          defer: createDefer(),
          openJournalLog: (fileName) => openOpfsSyncFile(fileName),
          sql: browserSql,
          kill: (at, cut) => {
            emit({ type: 'self-kill', at, ...(cut ? { attempt: cut } : {}) });
            global.close();
          },
        },
        journalOpen,
      ),
  });
  for (const e of arrived) onMessage?.(e);
}
