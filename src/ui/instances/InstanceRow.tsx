import { type CSSProperties, memo } from 'react';
import type { InstanceSummary } from '../../engine';
import { appStore } from '../../store';
import { formatDateTime, formatDuration } from '../format';
import { instanceDuration, STATUS_TEXT } from './instance-rows';

interface InstanceRowProps {
  row: InstanceSummary;
  /** The studio file it ran, or null (imported journal, or its file was deleted). */
  fileName: string | null;
  selected: boolean;
  now: number;
  style: CSSProperties;
}

/** One instance: status, id, workflow, file, started, duration, steps, error. */
export const InstanceRow = memo(function InstanceRow({ row, fileName, selected, now, style }: InstanceRowProps) {
  const error = row.error ? `${row.error.name}: ${row.error.message}` : '';
  const started = formatDateTime(row.createdAt);
  const day = started.slice(0, 11);
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
      <span className={`status-pill status-pill--${row.status}`} title={error || undefined}>
        {STATUS_TEXT[row.status]}
      </span>
      <span className="instance-row__id" title={row.id}>
        {row.id}
      </span>
      <span className="instance-row__workflow" title={row.workflowName} data-testid="instance-workflow">
        {row.workflowName}
      </span>
      <span className="instance-row__file" title={fileName ?? 'no file in the studio'} data-testid="instance-file">
        {fileName ?? '—'}
      </span>
      <span className="instance-row__time" title={started}>
        <span className="instance-row__day">{day}</span>
        {started.slice(11)}
      </span>
      <span className="instance-row__num">{formatDuration(instanceDuration(row, now))}</span>
      <span className="instance-row__num instance-row__steps">{row.steps}</span>
      <span className="instance-row__error" title={error}>
        {error}
      </span>
    </div>
  );
});
