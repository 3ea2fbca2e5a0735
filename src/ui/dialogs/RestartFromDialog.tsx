import { useState } from 'react';
import type { CallView } from '../../engine';
import { appStore } from '../../store';
import { restartFrom } from '../actions/instance-actions';
import { useClient } from '../client/useClient';
import { currentCalls } from '../data/current-calls';
import { useLiveInstance } from '../data/SelectedInstanceProvider';
import { useSelectedCall } from '../inspector/useSelectedCall';
import { CancelButton, Dialog } from './Dialog';

const TYPE = { do: 'do', sleep: 'sleep', wait: 'waitForEvent' } as const;
const KIND_TEXT = { do: 'step', sleep: 'sleep', wait: 'wait' } as const;
const callId = (c: CallView) => `${c.kind}:${c.name}#${c.count}`;

/** Restart the selected instance from one of its journaled calls, keeping the results before it. */
export function RestartFromDialog() {
  const instance = useLiveInstance();
  const client = useClient();
  const view = instance.status === 'ready' ? instance.view : null;
  const calls = view ? currentCalls(view) : [];
  const preselected = useSelectedCall();
  const [chosen, setChosen] = useState(() => (preselected ? callId(preselected) : calls[0] ? callId(calls[0]) : ''));
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const call = calls.find((c) => callId(c) === chosen);
    if (!view || !client || !call) return;
    const problem = await restartFrom(client, view.id, { name: call.name, count: call.count, type: TYPE[call.kind] });
    if (problem) setError(problem);
    else appStore.getState().closeDialog();
  };
  return (
    <Dialog
      title={`Restart ${view?.id ?? ''} from a step`}
      testId="restart-from-dialog"
      onSubmit={() => void submit()}
      footer={
        <>
          <CancelButton />
          <button type="submit" className="button button--primary" aria-disabled={!chosen || !client}>
            Restart from here
          </button>
        </>
      }
    >
      <p className="dialog__note">
        Results journaled before the chosen call are kept; it and everything after it run again.
      </p>
      <fieldset className="choice-list">
        <legend className="visually-hidden">Call to restart from</legend>
        {calls.map((c) => (
          <label key={callId(c)} className="choice">
            <input
              type="radio"
              name="restart-from"
              value={callId(c)}
              checked={chosen === callId(c)}
              onChange={() => setChosen(callId(c))}
            />
            <span className="choice__kind">{KIND_TEXT[c.kind]}</span>
            <span className="choice__name">{c.name}</span>
            {c.count > 1 && <span className="choice__count">#{c.count}</span>}
            <span className="choice__status">{c.status}</span>
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
