import { appStore } from '../../store';
import type { BusyState } from '../../supervisor';
import { performAction } from '../actions/instance-actions';
import { errorText } from '../actions/run-workflow';
import { useClient } from '../client/useClient';
import { useNow } from '../hooks/useNow';
import { busyText } from './describe-executor';

/**
 * In the status bar while Python keeps the executor busy: live seconds, and Stop attempt (fails that attempt,
 * journaled naming the action; its retry policy decides what comes next) and Terminate for its instance; when
 * an instance's own code outside any step holds Python (its `run()`, a task or callback), Terminate for it.
 */
export function BusyPython({ busy }: { busy: BusyState }) {
  const client = useClient();
  const now = useNow(true, 250);
  const id = client ? (busy.attempt?.instanceId ?? busy.run?.instanceId) : undefined;
  const stop = async () => {
    if (!id || !client) return;
    try {
      await client.stopAttempt(id);
    } catch (e) {
      appStore.getState().notify({ tone: 'error', title: `Could not stop the attempt of ${id}`, detail: errorText(e) });
    }
  };
  return (
    <span
      className="status-busy"
      role="status"
      data-testid="python-busy"
      title={busy.run ? 'In run() itself, or in a task or callback it started; not in a step' : undefined}
    >
      {busyText(busy, now)}
      {id && (
        <>
          {busy.attempt && (
            <button
              type="button"
              className="status-armed__disarm"
              data-testid="stop-attempt"
              onClick={() => void stop()}
              title="Fail this attempt now (journaled as stopped by you); the step's retry policy decides what comes next"
            >
              Stop attempt
            </button>
          )}
          <button
            type="button"
            className="status-armed__disarm"
            data-testid="busy-terminate"
            onClick={() => client && void performAction(client, 'terminate', id)}
            title={`Terminate instance ${id}: it never runs again`}
          >
            Terminate
          </button>
        </>
      )}
    </span>
  );
}
