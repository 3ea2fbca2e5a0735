/**
 * The watchdog's view of the attempts the worker publishes in shared memory (`src/protocol/attempt-slots.ts`):
 * read on each tick, so an attempt that starts and ends between two ticks costs the supervisor nothing, and
 * one that blocks the worker is seen within a tick with the time it really started.
 */
import { readAttemptSlots, type WorkerEvent } from '../protocol';
import type { Watchdog } from './watchdog';

/** How the watchdog names an attempt in its notices. */
export function attemptLabel(stepName: string, attempt: number, instanceId: string): string {
  return `Step "${stepName}" (attempt ${attempt}) of instance ${instanceId}`;
}

/** The watchdog's record of an attempt the worker announced by message (no free slot). */
export function announcedAttempt(event: Extract<WorkerEvent, { type: 'attempt-started' }>) {
  const { token, timeoutMs, instanceId, attempt } = event;
  const stepName = event.step.name;
  return { token, timeoutMs, instanceId, stepName, attempt, label: attemptLabel(stepName, attempt, instanceId) };
}

/** Mirrors the slots of `buffer` into `watchdog`. `now`: the watchdog's clock; `wallNow`: the worker's stamps'. */
export function createAttemptMirror(
  buffer: ArrayBufferLike,
  watchdog: Pick<Watchdog, 'attemptStarted' | 'attemptEnded'>,
  clocks: { now(): number; wallNow(): number },
) {
  /** Tokens in the slots at the last sync (an interrupted one stays here, so it is never started again). */
  const known = new Set<number>();
  return {
    sync(): void {
      const { tokens, fresh } = readAttemptSlots(buffer, known);
      const present = new Set(tokens);
      for (const token of known) {
        if (present.has(token)) continue;
        known.delete(token);
        watchdog.attemptEnded(token);
      }
      for (const a of fresh) {
        known.add(a.token);
        const age = Math.max(0, clocks.wallNow() - a.startedAt);
        watchdog.attemptStarted(clocks.now() - age, {
          token: a.token,
          label: attemptLabel(a.stepName, a.attempt, a.instanceId),
          timeoutMs: a.timeoutMs,
          instanceId: a.instanceId,
          stepName: a.stepName,
          attempt: a.attempt,
        });
      }
    },
  };
}
