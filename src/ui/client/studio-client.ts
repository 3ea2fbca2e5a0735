/**
 * The supervisor's API as the UI uses it (docs/studio-client.md). The UI codes against this shape; the
 * supervisor (src/supervisor, issue 6) provides the implementation through `useStudioClient()`.
 * Keep it identical to the contract: when src/supervisor exports its own `StudioClient` type, this file
 * re-exports it instead.
 */
import type { PythonReady } from '../../protocol';

/** Removes the listener it was returned for. */
export type Unsubscribe = () => void;

/** What the status bar shows. `role`: only the leader tab executes; followers watch the journal. */
export type ClientExecutorState =
  | { status: 'starting'; since: number; role: 'leader' | 'follower' }
  | {
      status: 'ready';
      since: number;
      coldStartMs: number;
      warm: boolean;
      python: PythonReady;
      role: 'leader' | 'follower';
    }
  | { status: 'restarting'; since: number; reason: string; role: 'leader' }
  | { status: 'failed'; since: number; error: { name: string; message: string }; role: 'leader' | 'follower' };

/** A workflow class found in a loaded file. */
export interface WorkflowInfo {
  className: string;
  workflowName: string;
  binding: string;
}

/** Result of loading a file's source into Python: its workflows, or the Python error. */
export type LoadSourceResult =
  | { ok: true; fileId: string; version: number; workflows: WorkflowInfo[] }
  | {
      ok: false;
      fileId: string;
      version: number;
      error: { name: string; message: string; line: number | null; traceback: string };
    };

/** Where `restart(id, from)` starts again: a journaled call by name, count and type. */
export interface RestartFrom {
  name: string;
  count?: number;
  type?: 'do' | 'sleep' | 'waitForEvent';
}

/** Drives the executor. Every method rejects with an `Error` whose name and message are for the user. */
export interface StudioClient {
  getState(): ClientExecutorState;
  subscribe(listener: () => void): Unsubscribe;
  loadSource(file: { fileId: string; version: number; name: string; source: string }): Promise<LoadSourceResult>;
  create(req: { fileId: string; workflowName: string; id?: string; params?: unknown }): Promise<{ id: string }>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  terminate(id: string): Promise<void>;
  restart(id: string, from?: RestartFrom): Promise<void>;
  sendEvent(id: string, event: { type: string; payload?: unknown }): Promise<void>;
  skipWait(id: string): Promise<void>;
  deleteInstances(ids: string[]): Promise<void>;
  killExecutor(): Promise<void>;
  killAtNextStep(): Promise<void>;
}
