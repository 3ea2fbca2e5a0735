/**
 * Busy is visible: a worker whose thread has not answered for `BUSY_AFTER_MS` is shown as busy, with the
 * attempt most likely holding it; and while it is, the attempts in flight are recorded (localStorage in the
 * browser) so that after a reload or a closed tab the next executor journals them as stopped first.
 */
import type { StoppedAttempt } from '../protocol';
import { describeAttempt, stoppedBy } from './stop-requests';
import type { BusyState } from './types';
import type { WatchedAttempt } from './watchdog';

/** A worker silent this long is shown as busy (status bar, graph). */
export const BUSY_AFTER_MS = 2_000;

/** Whether the worker counts as busy now, and with what: `undefined` while it answers. */
export function busyNow(
  inFlight: WatchedAttempt[],
  blockedSince: number | undefined,
  lastAnswerAt: number,
  now: number,
): BusyState | undefined {
  if (blockedSince === undefined || now - blockedSince < BUSY_AFTER_MS) return undefined;
  // No attempt starts while the thread is blocked: the newest one in flight is the likeliest to hold it.
  const newest = inFlight.findLast((a) => describeAttempt(a) !== undefined);
  const attempt = newest && describeAttempt(newest);
  const since = Math.max(lastAnswerAt, newest?.startedAt ?? lastAnswerAt);
  return attempt ? { since, attempt } : { since };
}

/** One per worker: `update` each tick; `publish` is called when what to show changes. */
export function createBusyWatch(deps: {
  now(): number;
  record: { write(attempts: StoppedAttempt[]): void } | undefined;
  publish(busy: BusyState | undefined): unknown;
}) {
  let shown: BusyState | undefined;
  return {
    update(inFlight: WatchedAttempt[], blockedSince: number | undefined, lastAnswerAt: number): void {
      const now = deps.now();
      const busy = busyNow(inFlight, blockedSince, lastAnswerAt, now);
      if (busy || shown) deps.record?.write(busy ? stoppedBy(inFlight, now, 'reload') : []);
      if (busy?.since === shown?.since && JSON.stringify(busy?.attempt) === JSON.stringify(shown?.attempt)) return;
      shown = busy;
      deps.publish(busy);
    },
    isBusy: () => shown !== undefined,
  };
}

const isStopped = (a: unknown): a is StoppedAttempt => {
  const x = a as Partial<StoppedAttempt> | null;
  return (
    typeof x?.instanceId === 'string' &&
    typeof x.stepName === 'string' &&
    typeof x.attempt === 'number' &&
    typeof x.error?.name === 'string' &&
    typeof x.error.message === 'string'
  );
};

/**
 * The busy record in a `Storage` (the page's localStorage) under `key`: written synchronously, so it is there
 * when the page goes away mid-loop. What cannot be read back as stopped attempts reads as none.
 */
export function storageBusyRecord(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>, key: string) {
  return {
    write(attempts: StoppedAttempt[]): void {
      try {
        if (attempts.length === 0) storage.removeItem(key);
        else storage.setItem(key, JSON.stringify(attempts));
      } catch {
        // Storage full or refused: a reload then journals the attempt as lost, as before (retried at once).
      }
    },
    read(): StoppedAttempt[] {
      try {
        const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
        return Array.isArray(parsed) ? parsed.filter(isStopped) : [];
      } catch {
        return [];
      }
    },
  };
}
