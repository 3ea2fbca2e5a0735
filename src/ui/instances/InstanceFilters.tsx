import type { InstanceStatus } from '../../engine';
import { ALL_STATUSES, appStore, type InstanceFilter } from '../../store';
import { STATUS_ORDER, STATUS_TEXT } from './instance-rows';

const setStatus = (status: string) => appStore.getState().setInstanceFilter({ status });
const setWorkflow = (workflow: string) => appStore.getState().setInstanceFilter({ workflow });
const setSearch = (search: string) => appStore.getState().setInstanceFilter({ search });

interface InstanceFiltersProps {
  filter: InstanceFilter;
  counts: ReadonlyMap<InstanceStatus, number>;
  workflows: readonly [string, number][];
  total: number;
}

/** Status filter (with counts), workflow filter and id search of the instance list. */
export function InstanceFilters({ filter, counts, workflows, total }: InstanceFiltersProps) {
  const chosenGone = filter.workflow !== ALL_STATUSES && !workflows.some(([w]) => w === filter.workflow);
  return (
    <span className="instance-filters">
      <select
        aria-label="Filter by status"
        value={filter.status}
        onChange={(e) => setStatus(e.currentTarget.value)}
        data-testid="status-filter"
      >
        <option value="all">all ({total})</option>
        {STATUS_ORDER.filter((s) => counts.has(s) || s === filter.status).map((s) => (
          <option key={s} value={s}>
            {STATUS_TEXT[s]} ({counts.get(s) ?? 0})
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by workflow"
        value={filter.workflow}
        onChange={(e) => setWorkflow(e.currentTarget.value)}
        data-testid="workflow-filter"
      >
        <option value={ALL_STATUSES}>every workflow</option>
        {workflows.map(([w, n]) => (
          <option key={w} value={w}>
            {w} ({n})
          </option>
        ))}
        {chosenGone && <option value={filter.workflow}>{filter.workflow} (0)</option>}
      </select>
      <input
        type="search"
        aria-label="Search instances by id"
        placeholder="Search ids"
        value={filter.search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        data-testid="instance-search"
      />
    </span>
  );
}
