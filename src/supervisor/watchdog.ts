/**
 * The supervisor's watchdog, as pure decisions over a clock the caller passes in (so tests need no timers).
 *
 * The executor runs all Python on one thread, so a step in a tight loop blocks it: the engine's own
 * step-timeout timer cannot fire and pings go unanswered. The rules:
 * - a ping goes out every `pingIntervalMs`; a pong clears it;
 * - an attempt past its timeout (+ `slackMs`) while a ping has been unanswered for `slackMs` is stuck in
 *   Python: interrupt it (its token goes into the interrupt buffer, so it is journaled as timed out);
 * - no pong for `unresponsiveMs` with no attempt in flight (an endless loop in `run()` or at import): interrupt;
 *   with an attempt still inside its timeout, wait: a CPU-bound step may legitimately hold the thread;
 * - still no pong `interruptGraceMs` after an interrupt (or no interrupt buffer at all): kill the worker,
 *   and the supervisor restarts it and recovers from the journal.
 */
import { INTERRUPT } from '../protocol';

/** Timings of the watchdog, in milliseconds. */
export interface WatchdogConfig {
  pingIntervalMs: number;
  slackMs: number;
  unresponsiveMs: number;
  interruptGraceMs: number;
}

/** Defaults: ping every second; a blocked worker with nothing to excuse it is interrupted after 5 s. */
export const DEFAULT_WATCHDOG: WatchdogConfig = {
  pingIntervalMs: 1_000,
  slackMs: 500,
  unresponsiveMs: 5_000,
  interruptGraceMs: 3_000,
};

/** What the supervisor should do now. */
export type WatchdogAction =
  | { type: 'none' }
  | { type: 'ping' }
  | { type: 'interrupt'; token: number; reason: string }
  | {
      type: 'kill';
      reason: string;
      /** The attempt that ran past its timeout and would not stop: the next executor journals it timed out. */
      timedOut?: WatchedAttempt;
    };

/** What the watchdog knows of an attempt in flight (`startedAt` on its clock). */
export interface WatchedAttempt {
  token: number;
  label: string;
  timeoutMs: number;
  startedAt: number;
  /** Which attempt it is, when the announcement said (it always does since busy attempts are shown). */
  instanceId?: string;
  stepName?: string;
  attempt?: number;
}

interface Attempt extends WatchedAttempt {
  deadline: number;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** One watchdog per worker. `canInterrupt`: the worker has an interrupt buffer (cross-origin isolation). */
export function createWatchdog(config: WatchdogConfig, canInterrupt: boolean) {
  const attempts = new Map<number, Attempt>();
  let lastPingAt: number | undefined;
  let pingOutstandingSince: number | undefined;
  let interruptedAt: number | undefined;
  let interruptReason = '';
  let interruptedAttempt: WatchedAttempt | undefined;

  function interrupt(now: number, token: number, reason: string, timedOut?: WatchedAttempt): WatchdogAction {
    if (!canInterrupt) {
      return {
        type: 'kill',
        reason: `${reason}; this page cannot interrupt Python`,
        ...(timedOut ? { timedOut } : {}),
      };
    }
    interruptedAt = now;
    interruptReason = reason;
    interruptedAttempt = timedOut;
    return { type: 'interrupt', token, reason };
  }

  return {
    attemptStarted(now: number, a: Omit<WatchedAttempt, 'startedAt'>): void {
      attempts.set(a.token, { ...a, startedAt: now, deadline: now + a.timeoutMs });
    },
    /** The attempts in flight, oldest first (an attempt interrupted for its timeout is no longer listed). */
    inFlight(): WatchedAttempt[] {
      return [...attempts.values()].sort((a, b) => a.startedAt - b.startedAt);
    },
    /** Since when a ping has gone unanswered (the worker's thread is blocked), if one has. */
    blockedSince(): number | undefined {
      return pingOutstandingSince;
    },
    attemptEnded(token: number): void {
      attempts.delete(token);
    },
    pingSent(now: number): void {
      lastPingAt = now;
      pingOutstandingSince ??= now;
    },
    /** Any answer from the worker proves it is not blocked. */
    alive(): void {
      pingOutstandingSince = undefined;
      interruptedAt = undefined;
      interruptedAttempt = undefined;
    },
    tick(now: number): WatchdogAction {
      if (interruptedAt !== undefined) {
        if (now - interruptedAt < config.interruptGraceMs) return { type: 'none' };
        const reason = `${interruptReason}, and Python did not stop when interrupted`;
        return { type: 'kill', reason, ...(interruptedAttempt ? { timedOut: interruptedAttempt } : {}) };
      }
      const blockedFor = pingOutstandingSince === undefined ? 0 : now - pingOutstandingSince;
      if (blockedFor >= config.slackMs) {
        for (const a of attempts.values()) {
          if (now >= a.deadline + config.slackMs) {
            attempts.delete(a.token);
            const { deadline: _, ...watched } = a;
            return interrupt(now, a.token, `${a.label} ran past its timeout of ${seconds(a.timeoutMs)}`, watched);
          }
        }
      }
      if (blockedFor >= config.unresponsiveMs && attempts.size === 0) {
        return interrupt(now, INTERRUPT.ANY_TOKEN, `the executor did not answer for ${seconds(blockedFor)}`);
      }
      if (
        pingOutstandingSince === undefined &&
        (lastPingAt === undefined || now - lastPingAt >= config.pingIntervalMs)
      ) {
        return { type: 'ping' };
      }
      return { type: 'none' };
    },
  };
}

/** The handle `createWatchdog` returns. */
export type Watchdog = ReturnType<typeof createWatchdog>;
