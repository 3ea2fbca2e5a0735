/**
 * The executor worker, spawned by the app shell (`shell.ts`) before any module of the page has run: on a first
 * visit the page's entry module and its imports are still being fetched and compiled then, and the worker's own
 * script (and with it Python's start, its head start) need not wait for them. `vite-plugins/app-shell.ts` names
 * the worker's script and Pyodide's folder on the shell's script tag; without them (the dev server has no
 * shell) nothing is spawned here and main.tsx spawns the worker itself, as it does when it cannot adopt this one.
 *
 * Like main.tsx's own early worker (`supervisor/early-worker.ts`) it only gets the head start, which only reads,
 * so a follower tab terminates it unused. What it sends before main.tsx takes it is kept and handed over.
 */
import type { HeadStart } from '../protocol/host-to-worker';

/** The shell's script tag names the executor worker's script (its built, hashed URL)… */
export const EXECUTOR_WORKER_ATTR = 'data-executor-worker';
/** …and Pyodide's folder (`<base>pyodide/<version>/`), as main.tsx computes it. */
export const PYODIDE_INDEX_ATTR = 'data-pyodide-index';

/** Where the shell leaves the worker for main.tsx. */
const GLOBAL = '__workflowStudioShellExecutor';

const EVENT_TYPES = ['message', 'error', 'messageerror'] as const;
export type WorkerEventType = (typeof EVENT_TYPES)[number];

/** The shell's worker, taken over by main.tsx: what it sent so far, in order. */
export interface ShellExecutor {
  worker: Worker;
  indexURL: string;
  kept: Array<[WorkerEventType, Event]>;
}

interface Holder {
  take(): ShellExecutor;
}

type ShellWindow = { location: Pick<Location, 'origin'>; Worker?: typeof Worker };

/** Spawns the worker the shell's script tag names and sends it the head start; false when it names none. */
export function spawnShellExecutor(script: Element | null, win: ShellWindow): boolean {
  const url = script?.getAttribute(EXECUTOR_WORKER_ATTR);
  const index = script?.getAttribute(PYODIDE_INDEX_ATTR);
  if (!url || !index || typeof win.Worker !== 'function') return false;
  const indexURL = new URL(index, win.location.origin).href;
  const worker = new win.Worker(url, { type: 'module', name: 'executor' });
  worker.postMessage({ type: 'head-start', indexURL } satisfies HeadStart);
  const kept: ShellExecutor['kept'] = [];
  const keep = (e: Event) => void kept.push([e.type as WorkerEventType, e]);
  for (const type of EVENT_TYPES) worker.addEventListener(type, keep);
  const holder: Holder = {
    take() {
      for (const type of EVENT_TYPES) worker.removeEventListener(type, keep);
      return { worker, indexURL, kept };
    },
  };
  (win as unknown as Record<string, Holder>)[GLOBAL] = holder;
  return true;
}

/**
 * The shell's worker for a page whose Pyodide folder is `indexURL` (once; it stops keeping events then, so take
 * it in the same task as listening to it), or undefined: no shell worker, or one started for another folder
 * (terminated: its head start would not be claimed).
 */
export function takeShellExecutor(win: object, indexURL: string): ShellExecutor | undefined {
  const holder = (win as Record<string, Holder | undefined>)[GLOBAL];
  if (!holder) return undefined;
  delete (win as Record<string, Holder | undefined>)[GLOBAL];
  const taken = holder.take();
  if (taken.indexURL === indexURL) return taken;
  taken.worker.terminate();
  return undefined;
}
