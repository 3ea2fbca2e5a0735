import { selectSelectedInstanceId, useAppStore } from '../../store';
import { EmptyState } from '../layout/EmptyState';
import { Pane } from '../layout/Pane';

/** The journal of the selected instance, one lane per replay of run(). */
export function HistoryPane() {
  const selected = useAppStore(selectSelectedInstanceId);
  return (
    <Pane title="History">
      {selected === null ? (
        <EmptyState title="Select an instance">Its journal appears here, one lane per replay of run().</EmptyState>
      ) : (
        <EmptyState title={`No journal entries for ${selected}`} />
      )}
    </Pane>
  );
}
