/**
 * Whose code holds Python while the worker's thread is blocked, asked through the interrupt buffer
 * (`askPythonHolder`: the worker's SIGINT handler answers without raising anything, protocol
 * `python-holder.ts`). Asked once the thread has been blocked `STOP_TIMING.blockedMs`, and again each
 * `REASK_MS` while it stays blocked (the code holding it may change); forgotten as soon as the worker answers.
 * When the executor is ended while an instance's own code outside any step holds Python (Kill now, a reload
 * while shown busy, a restart), that instance is handed to the next executor as a {@link StoppedRun}: journaled
 * errored before anything resumes, so recovery never re-enters the loop.
 */
import { askPythonHolder, readPythonHolder, type StopAction, type StoppedRun, stoppedRunError } from '../protocol';
import { STOP_TIMING } from './stop-requests';

/** While the thread stays blocked, the holder is asked again this often. */
export const REASK_MS = 1_000;

/** The instance whose own code (not a step attempt) holds Python, and since when it has (no answer since). */
export interface RunHolder {
  instanceId: string;
  since: number;
}

/** One per worker (`words`: its interrupt buffer, if any); `update` each tick of a ready worker. */
export function createHolderWatch(words: Int32Array | undefined) {
  let asked: { seq: number; at: number } | undefined;
  let answeredAt: number | undefined;
  let holder: RunHolder | undefined;
  return {
    update(now: number, blockedSince: number | undefined, lastAnswerAt: number): void {
      if (!words) return;
      if (blockedSince === undefined || now - blockedSince < STOP_TIMING.blockedMs) {
        holder = asked = answeredAt = undefined;
        return;
      }
      const answer = readPythonHolder(words);
      if (asked && answer && answer.seq > asked.seq) {
        holder =
          answer.where === 'run' && answer.instanceId !== undefined
            ? { instanceId: answer.instanceId, since: lastAnswerAt }
            : undefined;
        asked = undefined;
        answeredAt = now;
      }
      if (asked || (answeredAt !== undefined && now - answeredAt < REASK_MS)) return;
      const seq = askPythonHolder(words);
      if (seq !== undefined) asked = { seq, at: now };
    },
    /** The instance whose `run()` (or a task or callback it started) holds Python now, if one does. */
    holder: (): RunHolder | undefined => holder,
    /**
     * The run to journal as errored when the executor is ended now for `action`. A restart says why (`detail`)
     * or names the command it carries out (`targets`): a Terminate, Pause or Delete of the holder's instance
     * ends that instance itself, so none then.
     */
    stopped(
      now: number,
      action: StopAction,
      why: { targets?: { action: StopAction; ids: readonly string[] }; detail?: string } = {},
    ): StoppedRun[] {
      const { targets } = why;
      if (!holder || (targets && targets.action !== 'stop-attempt' && targets.ids.includes(holder.instanceId))) {
        return [];
      }
      const verb = targets?.action === 'stop-attempt' ? 'stop the attempt of' : targets?.action;
      const detail = targets ? `${verb} instance ${targets.ids.join(', ')}` : why.detail;
      return [{ instanceId: holder.instanceId, error: stoppedRunError(action, now - holder.since, detail) }];
    },
  };
}
