import { appStore } from '../../store';
import { useClient, useClientState } from '../client/useClient';
import { STATUS_TEXT } from '../instances/instance-rows';
import { ActionButton } from './ActionButton';
import { useToolbarActions } from './useToolbarActions';

const open = (dialog: 'send-event' | 'restart-from' | 'delete-instances') => () =>
  appStore.getState().openDialog(dialog);

/** The selected instance and what can be done to it; illegal actions say why in their tooltip. */
export function InstanceActions() {
  const { view, instance, shown, legality, act } = useToolbarActions();
  // While Python starts, the boot time beside Run takes this label's room (every button stays on screen).
  const starting = useClientState(useClient())?.status === 'starting';
  const past = shown.status === 'ready' && shown.travel ? shown : null;
  const status = past?.view.status ?? view?.status;
  return (
    <fieldset className="toolbar__group">
      <legend className="visually-hidden">Selected instance</legend>
      <span className="toolbar__instance" data-testid="toolbar-instance">
        {view && status ? (
          <>
            <span className={`status-pill status-pill--${status}`}>{STATUS_TEXT[status]}</span>
            {past?.travel && (
              <span
                className="chip chip--travel"
                data-testid="toolbar-travel"
                title="Time travel: the status, graph and inspector show the instance as it was after this journal event. Actions act on it as it is now."
              >
                ◀ seq {past.travel.seq}/{past.travel.lastSeq}
              </span>
            )}
            <span className="toolbar__instance-id" title={view.id}>
              {view.id}
            </span>
          </>
        ) : instance.status === 'loading' || instance.status === 'missing' ? (
          <>
            <span className="muted">{instance.status === 'loading' ? 'reading journal…' : 'no journal'}</span>
            <span className="toolbar__instance-id" title={instance.id}>
              {instance.id}
            </span>
          </>
        ) : starting ? null : (
          <span className="muted">no instance selected</span>
        )}
      </span>
      <ActionButton
        legality={legality('send-event')}
        hint="Send an event (E)"
        onClick={open('send-event')}
        testId="action-send-event"
      >
        Send event
      </ActionButton>
      <ActionButton legality={legality('pause')} hint="Pause (P)" onClick={() => act('pause')} testId="action-pause">
        Pause
      </ActionButton>
      <ActionButton
        legality={legality('resume')}
        hint="Resume (P)"
        onClick={() => act('resume')}
        testId="action-resume"
      >
        Resume
      </ActionButton>
      <ActionButton
        legality={legality('skip-wait')}
        hint="End the current sleep, retry delay or wait timeout now (S)"
        onClick={() => act('skip-wait')}
        testId="action-skip-wait"
      >
        Skip wait
      </ActionButton>
      <ActionButton
        legality={legality('terminate')}
        hint="Stop the instance for good"
        onClick={() => act('terminate')}
        testId="action-terminate"
        variant="danger"
      >
        Terminate
      </ActionButton>
      <ActionButton
        legality={legality('restart')}
        hint="Run again from scratch"
        onClick={() => act('restart')}
        testId="action-restart"
      >
        Restart
      </ActionButton>
      <ActionButton
        legality={legality('restart-from')}
        hint="Restart from a step, keeping the results before it"
        onClick={open('restart-from')}
        testId="action-restart-from"
      >
        From step…
      </ActionButton>
      <ActionButton
        legality={legality('delete')}
        hint="Delete instances and their journals"
        onClick={open('delete-instances')}
        testId="action-delete"
      >
        Delete…
      </ActionButton>
    </fieldset>
  );
}
