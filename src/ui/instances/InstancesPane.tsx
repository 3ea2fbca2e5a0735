import { useEffect, useMemo } from 'react';
import { ALL_STATUSES, selectInstanceFilter, selectInstanceSort, useAppStore } from '../../store';
import { useCloudflareIds, useCloudflareStatuses, withCloudflareStatus } from '../cloudflare/useCloudflareImports';
import { EmptyState } from '../layout/EmptyState';
import { Loading } from '../layout/Loading';
import { Pane } from '../layout/Pane';
import { INSTANCES_SHOWN_MARK, markOnce } from '../layout/start-marks';
import { fileDropHandlers } from '../transfer/dropped-files';
import { TransferActions } from '../transfer/TransferActions';
import { InstanceFilters } from './InstanceFilters';
import { InstanceList } from './InstanceList';
import { countByStatus, countByWorkflow, filterInstances, STATUS_TEXT, sortInstances } from './instance-rows';
import { useInstanceFileNames } from './useInstanceFileNames';
import { useInstanceSummaries } from './useInstanceSummaries';
import { useRestoredSelection } from './useRestoredSelection';

/** Every instance in this browser, sorted (newest first unless asked), filtered by status, workflow and id. */
export function InstancesPane() {
  const summaries = useInstanceSummaries();
  // An imported history cut short (a truncated output) has no run end: list it with Cloudflare's status.
  const cfStatuses = useCloudflareStatuses();
  const all = useMemo(() => summaries && withCloudflareStatus(summaries, cfStatuses), [summaries, cfStatuses]);
  const filter = useAppStore(selectInstanceFilter);
  const sort = useAppStore(selectInstanceSort);
  const linked = useInstanceFileNames();
  const cloudflare = useCloudflareIds();
  // An instance imported from Cloudflare says so where its file is named.
  const files = useMemo(() => {
    if (cloudflare.length === 0) return linked;
    const named = new Map(linked);
    for (const id of cloudflare) named.set(id, `☁ Cloudflare · ${linked.get(id) ?? 'no file'}`);
    return named;
  }, [linked, cloudflare]);
  // Sorted with the time of the last read: a live instance's duration grows between reads, its place need not.
  const rows = useMemo(
    () => (all ? sortInstances(filterInstances(all, filter), sort, Date.now()) : []),
    [all, filter, sort],
  );
  const counts = useMemo(() => countByStatus(all ?? []), [all]);
  const workflows = useMemo(() => countByWorkflow(all ?? []), [all]);
  const total = all?.length ?? 0;
  useRestoredSelection(all);
  const read = all !== undefined;
  useEffect(() => {
    if (read) markOnce(INSTANCES_SHOWN_MARK);
  }, [read]);
  return (
    <Pane
      title={all ? `Instances · ${rows.length === total ? total : `${rows.length} of ${total}`}` : 'Instances'}
      label="Instances"
      flush
      actions={<TransferActions />}
    >
      <div className="instances" {...fileDropHandlers}>
        <InstanceFilters filter={filter} counts={counts} workflows={workflows} total={total} />
        {all === undefined ? (
          <Loading what="Reading instances from IndexedDB" />
        ) : total === 0 ? (
          <EmptyState title="No instances yet — run the workflow">
            Press Run (or Ctrl/Cmd+Enter in the editor); every instance you start is listed here and kept across
            reloads.
          </EmptyState>
        ) : rows.length === 0 ? (
          <EmptyState title="No instance matches the filter">
            {filter.status !== ALL_STATUSES && `Status: ${STATUS_TEXT[filter.status as keyof typeof STATUS_TEXT]}. `}
            {filter.workflow !== ALL_STATUSES && `Workflow: ${filter.workflow}. `}
            {filter.search.trim() !== '' && `Id contains “${filter.search.trim()}”.`}
          </EmptyState>
        ) : (
          <InstanceList key={`${filter.status}|${filter.workflow}|${filter.search}`} rows={rows} files={files} />
        )}
      </div>
    </Pane>
  );
}
