/** What belongs to one spawned executor worker, as the supervisor holds it (executor-supervisor.ts). */
import type { BootProgress, WorkerOutput } from '../protocol';
import type { createAttemptMirror } from './attempt-mirror';
import type { createBusyWatch } from './busy';
import type { createHolderWatch } from './python-holder';
import type { StopConnection } from './stop-requests';
import type { JournalMirrorWorker, WorkerLike } from './types';
import type { createWatchdog } from './watchdog';

export type Pending = { resolve(output: WorkerOutput): void; reject(error: Error): void };

/** One spawned worker and what belongs to it. */
export interface Connection {
  worker: WorkerLike;
  pending: Map<number, Pending>;
  interrupt: Int32Array | undefined;
  watchdog: ReturnType<typeof createWatchdog>;
  /** The attempt slots of the shared buffer, when it has them. */
  attempts: ReturnType<typeof createAttemptMirror> | undefined;
  alive: boolean;
  stopTicking(): void;
  /** When it was spawned (`now()`), and the last boot phase it reported. */
  startedAt: number;
  phase: BootProgress['phase'] | undefined;
  /** The journal mirror worker beside this executor (ends with it). */
  mirror?: JournalMirrorWorker;
  /** When it last answered anything (`now()`); what the stopper sees of it; whether Python keeps it busy. */
  lastAnswerAt: number;
  stop: StopConnection;
  busy: ReturnType<typeof createBusyWatch>;
  /**
   * The journal work a restart carried over (stopped attempts, then the carried commands), sent right behind
   * `boot-python`; settles when those commands are done (recovery waits for it).
   */
  carriedDone?: Promise<unknown>;
  /** Whose code outside any step holds Python while the thread is blocked (python-holder.ts). */
  holder: ReturnType<typeof createHolderWatch>;
}
