import { useMemo } from 'react';
import { selectInstanceFilter, useAppStore } from '../../store';
import { EmptyState } from '../layout/EmptyState';
import { Loading } from '../layout/Loading';
import { Pane } from '../layout/Pane';
import { TransferActions } from '../transfer/TransferActions';
import { InstanceFilters } from './InstanceFilters';
import { InstanceList } from './InstanceList';
import { countByStatus, filterInstances, STATUS_TEXT } from './instance-rows';
import { useInstanceSummaries } from './useInstanceSummaries';

/** Every instance in this browser, newest first, with a status filter and an id search. */
export function InstancesPane() {
  const all = useInstanceSummaries();
  const filter = useAppStore(selectInstanceFilter);
  const rows = useMemo(() => (all ? filterInstances(all, filter) : []), [all, filter]);
  const counts = useMemo(() => countByStatus(all ?? []), [all]);
  const total = all?.length ?? 0;
  return (
    <Pane
      title={all ? `Instances · ${rows.length === total ? total : `${rows.length} of ${total}`}` : 'Instances'}
      label="Instances"
      flush
      actions={
        <>
          <InstanceFilters filter={filter} counts={counts} total={total} />
          <TransferActions />
        </>
      }
    >
      {all === undefined ? (
        <Loading what="Reading instances from IndexedDB" />
      ) : total === 0 ? (
        <EmptyState title="No instances yet — run the workflow">
          Press Run (or Ctrl/Cmd+Enter in the editor); every instance you start is listed here and kept across reloads.
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState title="No instance matches the filter">
          {filter.status !== 'all' && `Status: ${STATUS_TEXT[filter.status as keyof typeof STATUS_TEXT]}. `}
          {filter.search.trim() !== '' && `Id contains “${filter.search.trim()}”.`}
        </EmptyState>
      ) : (
        <InstanceList key={`${filter.status}|${filter.search}`} rows={rows} />
      )}
    </Pane>
  );
}
