import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useRef } from 'react';
import type { InstanceSummary } from '../../engine';
import { appStore, type InstanceSort, selectInstanceSort, selectSelectedInstanceId, useAppStore } from '../../store';
import { useWallClock } from '../hooks/useWallClock';
import { InstanceRow } from './InstanceRow';
import { isFinished } from './instance-rows';
import { nextSelection } from './list-keys';

/** Row height in pixels; rows are fixed-height so 10 000 of them scroll without measuring. */
export const ROW_HEIGHT = 28;

/** A column title that sorts the list by `sortKey` (again: the other way), saying which way it sorts. */
function SortHeader({ sortKey, label, sort }: { sortKey: InstanceSort['key']; label: string; sort: InstanceSort }) {
  const active = sort.key === sortKey;
  return (
    <span>
      <button
        type="button"
        className={active ? 'sort-button sort-button--active' : 'sort-button'}
        onClick={() => appStore.getState().sortInstancesBy(sortKey)}
        title={`Sort by ${label.toLowerCase()}${active ? ` (now ${sort.desc ? 'descending' : 'ascending'}; again to flip)` : ''}`}
        data-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}
        data-testid={`sort-${sortKey}`}
      >
        {label}
        {active ? (sort.desc ? ' ▾' : ' ▴') : ''}
      </button>
    </span>
  );
}

/** The instance rows, virtualized: only the rows in view (plus a few) are in the DOM. */
export function InstanceList({ rows, files }: { rows: InstanceSummary[]; files: ReadonlyMap<string, string> }) {
  const sort = useAppStore(selectInstanceSort);
  const scrollRef = useRef<HTMLDivElement>(null);
  const selectedId = useAppStore(selectSelectedInstanceId);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => rows[i]?.id ?? i,
  });
  const items = virtualizer.getVirtualItems();
  const anyLive = items.some((item) => {
    const row = rows[item.index];
    return row !== undefined && !isFinished(row.status);
  });
  const now = useWallClock(anyLive, 1000);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Delete' && selectedId !== null) {
      e.preventDefault();
      appStore.getState().openDialog('delete-instances');
      return;
    }
    const next = nextSelection(e.key, rows, selectedId);
    if (next === null) return;
    e.preventDefault();
    appStore.getState().selectInstance(rows[next]!.id);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  return (
    <div className="instance-list">
      <div className="instance-row instance-row--head" data-testid="instance-list-head">
        <SortHeader sortKey="status" label="Status" sort={sort} />
        <span>Id</span>
        <span className="instance-row__workflow">Workflow</span>
        <span className="instance-row__file">File</span>
        <SortHeader sortKey="started" label="Started" sort={sort} />
        <SortHeader sortKey="duration" label="Duration" sort={sort} />
        <span className="instance-row__steps">Steps</span>
        <span className="instance-row__error">Error</span>
      </div>
      <div
        ref={scrollRef}
        className="instance-list__scroll"
        role="listbox"
        aria-label="Instances"
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="instance-list"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <InstanceRow
                key={item.key}
                row={row}
                fileName={files.get(row.id) ?? null}
                selected={row.id === selectedId}
                now={now}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
