/**
 * Busy is visible: a worker whose thread has not answered for `BUSY_AFTER_MS` is shown as busy, with the
 * attempt most likely holding it; and while it is, the attempts in flight are recorded (localStorage in the
 * browser) so that after a reload or a closed tab the next executor journals them as stopped first.
 */
import { type StoppedAttempt, type StoppedRun, stoppedRunError } from '../protocol';
import type { RunHolder } from './python-holder';
import { describeAttempt, stoppedBy } from './stop-requests';
import type { BusyState } from './types';
import type { WatchedAttempt } from './watchdog';

/** A worker silent this long is shown as busy (status bar, graph). */
export const BUSY_AFTER_MS = 2_000;

/**
 * Whether the worker counts as busy now, and with what: `undefined` while it answers. `holder`: the instance
 * whose own code outside any step holds Python, when the worker said so (python-holder.ts).
 */
export function busyNow(
  inFlight: WatchedAttempt[],
  blockedSince: number | undefined,
  lastAnswerAt: number,
  now: number,
  holder?: RunHolder,
): BusyState | undefined {
  if (blockedSince === undefined || now - blockedSince < BUSY_AFTER_MS) return undefined;
  if (holder) return { since: holder.since, run: { instanceId: holder.instanceId } };
  // No attempt starts while the thread is blocked: the newest one in flight is the likeliest to hold it.
  const newest = inFlight.findLast((a) => describeAttempt(a) !== undefined);
  const attempt = newest && describeAttempt(newest);
  const since = Math.max(lastAnswerAt, newest?.startedAt ?? lastAnswerAt);
  return attempt ? { since, attempt } : { since };
}

/** One per worker: `update` each tick; `publish` is called when what to show changes. */
export function createBusyWatch(deps: {
  now(): number;
  record: { write(attempts: StoppedAttempt[], runs?: StoppedRun[]): void } | undefined;
  publish(busy: BusyState | undefined): unknown;
}) {
  let shown: BusyState | undefined;
  return {
    /** `holder`: the run holding Python, recorded too: the next page journals it errored (python-holder.ts). */
    update(inFlight: WatchedAttempt[], blockedSince: number | undefined, lastAnswerAt: number, holder?: RunHolder) {
      const now = deps.now();
      const busy = busyNow(inFlight, blockedSince, lastAnswerAt, now, holder);
      const runs = holder
        ? [{ instanceId: holder.instanceId, error: stoppedRunError('reload', now - holder.since) }]
        : [];
      if (busy || shown) deps.record?.write(busy ? stoppedBy(inFlight, now, 'reload') : [], busy ? runs : []);
      const same = (a?: BusyState) => JSON.stringify([a?.attempt, a?.run]);
      if (busy?.since === shown?.since && same(busy) === same(shown)) return;
      shown = busy;
      deps.publish(busy);
    },
    isBusy: () => shown !== undefined,
  };
}

const isStoppedRun = (r: unknown): r is StoppedRun => {
  const x = r as Partial<StoppedRun> | null;
  return typeof x?.instanceId === 'string' && typeof x.error?.name === 'string' && typeof x.error.message === 'string';
};

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
 * when the page goes away mid-loop. The attempts as a JSON array; with runs, `{ attempts, runs }`. What cannot
 * be read back as stopped attempts or runs reads as none.
 */
export function storageBusyRecord(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>, key: string) {
  const parsed = (): unknown => {
    try {
      return JSON.parse(storage.getItem(key) ?? '[]');
    } catch {
      return [];
    }
  };
  const list = (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : []);
  return {
    write(attempts: StoppedAttempt[], runs: StoppedRun[] = []): void {
      try {
        if (attempts.length === 0 && runs.length === 0) storage.removeItem(key);
        else storage.setItem(key, JSON.stringify(runs.length === 0 ? attempts : { attempts, runs }));
      } catch {
        // Storage full or refused: a reload then journals the attempt as lost, as before (retried at once).
      }
    },
    read(): StoppedAttempt[] {
      const value = parsed();
      return list(Array.isArray(value) ? value : (value as { attempts?: unknown } | null)?.attempts).filter(isStopped);
    },
    readRuns(): StoppedRun[] {
      return list((parsed() as { runs?: unknown } | null)?.runs).filter(isStoppedRun);
    },
  };
}
