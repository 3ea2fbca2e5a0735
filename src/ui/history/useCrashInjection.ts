import { appStore } from '../../store';
import { errorText } from '../actions/run-workflow';
import { useClient, useClientState } from '../client/useClient';

/** The crash-injection commands of the executor client, with what happened as a notice. */
export function useCrashInjection() {
  const client = useClient();
  const state = useClientState(client);
  const notify = appStore.getState().notify;
  /** `done` undefined: the executor's own notice says what happened (a kill: "stopped … and is restarting"). */
  const run = async (what: () => Promise<void>, done?: string, detail?: string) => {
    try {
      await what();
      if (done) notify({ tone: 'info', title: done, detail });
    } catch (e) {
      notify({ tone: 'error', title: 'Crash injection failed', detail: errorText(e) });
    }
  };
  return {
    disabled: !client || state?.status !== 'ready',
    /** A kill at the next step attempt is armed in the executor (until it fires or is disarmed). */
    armed: state?.status === 'ready' && state.killArmed === true,
    /** Where the armed kill fires: inside the next attempt after its next call, or before the next attempt. */
    armedAt: state?.status === 'ready' && state.killArmed === true ? (state.killAt ?? 'before-attempt') : undefined,
    // One notice per kill: the executor's restart notice ("stopped (killed from the studio) and is restarting;
    // unfinished instances resume from the journal") says it; a second one here said the same again.
    killNow: () => client && void run(() => client.killExecutor()),
    killAtNextStep: () =>
      client &&
      void run(
        () => client.killAtNextStep(),
        'Armed: the executor dies before the next step attempt',
        'Run or wake an instance; the attempt is lost, the executor restarts and the step runs again in a new lane.',
      ),
    killAfterNextCall: () =>
      client &&
      void run(
        () => client.killAfterNextCall(),
        'Armed: the executor dies right after the next binding call or request',
        'Run or wake an instance; the next step attempt makes its call (the effect happens), the executor dies before the result is journaled, and the step runs again in a new lane.',
      ),
    disarm: () =>
      client &&
      void run(() => client.disarmKill(), 'Disarmed', 'The next step attempt runs normally; nothing was killed.'),
  };
}
