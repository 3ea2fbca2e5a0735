import { appStore } from '../../store';
import type { Legality } from '../actions/legality';
import { useClient, useClientState } from '../client/useClient';
import { STATUS_TEXT } from '../instances/instance-rows';
import { ActionButton } from './ActionButton';
import { OverflowMenu } from './OverflowMenu';
import type { ToolbarItem } from './toolbar-items';
import { useToolbarActions } from './useToolbarActions';

const open = (dialog: 'send-event' | 'restart-from' | 'delete-instances') => () =>
  appStore.getState().openDialog(dialog);

/** How many actions `useInstanceActionItems` lists (the toolbar's collapsible ones). */
export const INSTANCE_ACTION_COUNT = 8;

/**
 * The selected instance's actions in bar order; the last ones collapse into the menu first, so the lifecycle
 * actions (Send event, Pause, Resume, Terminate, Restart) are the last to go.
 */
function useInstanceActionItems(): ToolbarItem[] {
  const { legality, act } = useToolbarActions();
  const item = (
    id: string,
    label: string,
    hint: string,
    onSelect: () => void,
    legal: Legality,
    variant?: ToolbarItem['variant'],
  ): ToolbarItem => ({ id, label, hint, onSelect, legality: legal, testId: `action-${id}`, variant });
  return [
    item('send-event', 'Send event', 'Send an event (E)', open('send-event'), legality('send-event')),
    item('pause', 'Pause', 'Pause (P)', () => act('pause'), legality('pause')),
    item('resume', 'Resume', 'Resume (P)', () => act('resume'), legality('resume')),
    item(
      'terminate',
      'Terminate',
      'Stop the instance for good',
      () => act('terminate'),
      legality('terminate'),
      'danger',
    ),
    item('restart', 'Restart', 'Run again from scratch', () => act('restart'), legality('restart')),
    item(
      'skip-wait',
      'Skip wait',
      'End the current sleep, retry delay or wait timeout now (S)',
      () => act('skip-wait'),
      legality('skip-wait'),
    ),
    item(
      'restart-from',
      'From step…',
      'Restart from a step, keeping the results before it',
      open('restart-from'),
      legality('restart-from'),
    ),
    item('delete', 'Delete…', 'Delete instances and their journals', open('delete-instances'), legality('delete')),
  ];
}

/**
 * The selected instance and what can be done to it; illegal actions say why in their tooltip. The last
 * `hidden` actions are in the "More" menu (the toolbar measures what fits).
 */
export function InstanceActions({ hidden }: { hidden: number }) {
  const { view, instance, shown, cloudflareStatus } = useToolbarActions();
  const items = useInstanceActionItems();
  // While Python starts, the boot time beside Run takes this label's room (every button stays on screen).
  const starting = useClientState(useClient())?.status === 'starting';
  const past = shown.status === 'ready' && shown.travel ? shown : null;
  const status = past?.view.status ?? cloudflareStatus ?? view?.status;
  const onBar = items.length - hidden;
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
      {items.slice(0, onBar).map((it, i) => (
        <ActionButton
          key={it.id}
          legality={it.legality}
          hint={it.hint}
          onClick={it.onSelect}
          testId={it.testId}
          variant={it.variant === 'danger' ? 'danger' : undefined}
          collapseIndex={i}
        >
          {it.label}
        </ActionButton>
      ))}
      <OverflowMenu items={items.slice(onBar)} />
    </fieldset>
  );
}
