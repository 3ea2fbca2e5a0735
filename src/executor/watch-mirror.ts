/**
 * Watches the journal mirror worker: without it the journal would stop reaching IndexedDB (and the executor's
 * reads would wait for ever), so its failure halts the executor — the supervisor starts a new one, which
 * replays the journal's log.
 */
import { serializeError, type WorkerEvent } from '../protocol';

/** The journal mirror worker failed to load or threw. */
export class JournalMirrorError extends Error {
  override name = 'JournalMirrorError';
  constructor(why: string) {
    super(`The journal mirror worker stopped (${why}); the executor restarts and replays the journal's log.`);
  }
}

/** The part of a `Worker` watched here. */
export interface MirrorWorkerLike {
  addEventListener(type: 'error', listener: (e: ErrorEvent) => void): void;
}

/** Emits `executor-halted` (once) when `mirror` reports an error. */
export function haltWhenMirrorFails(mirror: MirrorWorkerLike, emit: (event: WorkerEvent) => void): void {
  let halted = false;
  mirror.addEventListener('error', (e) => {
    e.preventDefault();
    if (halted) return;
    halted = true;
    const why = e.message || 'its script did not load';
    emit({ type: 'executor-halted', error: serializeError(new JournalMirrorError(why)) });
  });
}
