import type { CallRef } from '../../engine';
import { appStore, selectSelectedInstanceId, selectSelection, useAppStore } from '../../store';
import { useSelectedInstance } from '../data/SelectedInstanceProvider';
import { formatClock } from '../format';
import { useSelectedCall } from '../inspector/useSelectedCall';
import { EmptyState } from '../layout/EmptyState';
import { Loading } from '../layout/Loading';
import { Pane } from '../layout/Pane';
import { callLabel, historyItems, REASONS, runEnd } from './history-items';

const selectCall = (call: CallRef) => appStore.getState().select({ type: 'call', call });
const selectEvent = (seq: number) => appStore.getState().select({ type: 'event', seq });

/** The selected instance's runs (one per replay of run()) and the events sent to it, in journal order. */
export function HistoryPane() {
  const selected = useAppStore(selectSelectedInstanceId);
  const selection = useAppStore(selectSelection);
  const instance = useSelectedInstance();
  const selectedCall = useSelectedCall();
  const isSelected = (c: CallRef) =>
    selectedCall !== null &&
    selectedCall.kind === c.kind &&
    selectedCall.name === c.name &&
    selectedCall.count === c.count;
  if (instance.status !== 'ready') {
    return (
      <Pane title="History">
        {selected === null ? (
          <EmptyState title="Select an instance">Its journal appears here, one entry per replay of run().</EmptyState>
        ) : instance.status === 'loading' ? (
          <Loading what={`Reading the journal of ${selected} from IndexedDB`} />
        ) : (
          <EmptyState title={`No journal for ${selected}`}>It was deleted, or it has not been written yet.</EmptyState>
        )}
      </Pane>
    );
  }
  const { view } = instance;
  return (
    <Pane title={`History · ${view.id}`} label="History">
      <ol className="history" data-testid="history-list">
        {historyItems(view).map((item) =>
          item.type === 'event' ? (
            <li key={`e${item.seq}`} className="history__event">
              <button
                type="button"
                className={
                  selection?.type === 'event' && selection.seq === item.seq
                    ? 'history__item is-selected'
                    : 'history__item'
                }
                onClick={() => selectEvent(item.seq)}
              >
                <span className="history__time">{formatClock(item.event.timestamp)}</span> event “{item.event.type}”
                {item.event.consumedBy ? ` → ${callLabel(item.event.consumedBy)}` : ' (queued)'}
              </button>
            </li>
          ) : (
            <li key={`r${item.run.run}`} className="history__run" data-testid="history-run">
              <div className="history__run-head">
                <span className="history__time">{formatClock(item.run.startedAt)}</span>
                <strong>run {item.run.run}</strong> · {REASONS[item.run.reason]} · {runEnd(item.run)}
              </div>
              {item.run.replayed.length > 0 && (
                <p className="history__replayed">
                  ↻ replayed {item.run.replayed.length} from the journal: {item.run.replayed.map(callLabel).join(', ')}
                </p>
              )}
              {item.run.executed.length > 0 && (
                <ul className="history__calls">
                  {item.run.executed.map((c) => (
                    <li key={`${c.kind}:${c.name}#${c.count}`}>
                      <button
                        type="button"
                        className={isSelected(c) ? 'history__item is-selected' : 'history__item'}
                        onClick={() => selectCall(c)}
                      >
                        {c.kind === 'do' ? 'step' : c.kind} {callLabel(c)}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              {item.run.divergence && (
                <p className="history__divergence">
                  diverged: expected {callLabel(item.run.divergence.expected)}, got{' '}
                  {item.run.divergence.got ? callLabel(item.run.divergence.got) : 'nothing'}
                </p>
              )}
            </li>
          ),
        )}
      </ol>
    </Pane>
  );
}
