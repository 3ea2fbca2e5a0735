/** When the supervisor stops replacing a dying executor worker, and says why instead. */

/** More restarts than this within the window means something kills every new worker: give up, say why. */
const MAX_RESTARTS_PER_WINDOW = 5;
const RESTART_WINDOW_MS = 60_000;

/** `maxFailedStarts`: deaths before a worker ever becomes ready again, after which it gives up. */
export function createRestartPolicy(maxFailedStarts: number) {
  let failedStarts = 0;
  let restarts: number[] = [];
  return {
    /** A worker became ready. */
    ready(): void {
      failedStarts = 0;
    },
    /** A worker died at `now` (`wasReady`: after it had become ready): true when no new one should start. */
    giveUp(now: number, wasReady: boolean): boolean {
      failedStarts = wasReady ? 0 : failedStarts + 1;
      restarts = [...restarts.filter((t) => now - t < RESTART_WINDOW_MS), now];
      return failedStarts >= maxFailedStarts || restarts.length > MAX_RESTARTS_PER_WINDOW;
    },
  };
}
