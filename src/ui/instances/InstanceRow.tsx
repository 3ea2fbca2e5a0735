import { type CSSProperties, memo } from 'react';
import type { InstanceSummary } from '../../engine';
import { appStore } from '../../store';
import { formatDateTime, formatDuration } from '../format';
import { instanceDuration, STATUS_TEXT } from './instance-rows';

interface InstanceRowProps {
  row: InstanceSummary;
  selected: boolean;
  now: number;
  style: CSSProperties;
}

/** One instance: status, id, started, duration, steps, error. */
export const InstanceRow = memo(function InstanceRow({ row, selected, now, style }: InstanceRowProps) {
  const error = row.error ? `${row.error.name}: ${row.error.message}` : '';
  return (
    <div
      role="option"
      aria-selected={selected}
      className={selected ? 'instance-row instance-row--selected' : 'instance-row'}
      style={style}
      data-testid="instance-row"
      data-instance-id={row.id}
      data-status={row.status}
      tabIndex={-1}
      onClick={() => appStore.getState().selectInstance(row.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') appStore.getState().selectInstance(row.id);
      }}
    >
      <span className={`status-pill status-pill--${row.status}`}>{STATUS_TEXT[row.status]}</span>
      <span className="instance-row__id" title={`${row.id} · ${row.workflowName}`}>
        {row.id}
      </span>
      <span className="instance-row__time">{formatDateTime(row.createdAt)}</span>
      <span className="instance-row__num">{formatDuration(instanceDuration(row, now))}</span>
      <span className="instance-row__num">{row.steps}</span>
      <span className="instance-row__error" title={error}>
        {error}
      </span>
    </div>
  );
});
