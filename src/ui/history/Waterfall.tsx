import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, type RefObject, useRef } from 'react';
import { selectHistoryZoom, useAppStore } from '../../store';
import { AxisHeader } from './AxisHeader';
import { HistoryRowView } from './HistoryRowView';
import { columns, TRACK_END } from './layout';
import type { TimeAxis } from './time-axis';
import { useElementWidth } from './useElementWidth';
import { useHistoryModel } from './useHistoryModel';
import { useTrackPan } from './useHistoryZoom';
import { useRevealSelected } from './useRevealSelected';
import { virtualRows } from './virtual-rows';

/**
 * The compressed idle gaps as stripes over the whole height. They do not scroll up and down (they are the same on
 * every row), so they stay out of the scrolled content and are painted once, not on every scrolled frame.
 */
const Breaks = memo(function Breaks({ axis }: { axis: TimeAxis }) {
  return (
    <>
      {axis.breaks.map((b) => (
        <div
          key={b.from}
          className={b.width < 4 ? 'waterfall__break waterfall__break--thin' : 'waterfall__break'}
          style={{ left: b.x, width: b.width }}
        />
      ))}
    </>
  );
});

/**
 * The lanes as a virtualized waterfall: only the rows in view (and a few around) are in the DOM, so a journal
 * of 10 000 events scrolls as smoothly as one of ten. Breaks (compressed idle time) and the time-travel cursor
 * are drawn across every row. Zoomed in, the track scrolls sideways under the fixed label column.
 */
export function Waterfall() {
  const rootRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(scrollRef as RefObject<HTMLElement | null>);
  const { label, track } = columns(width);
  const zoom = useAppStore(selectHistoryZoom);
  const { rows, axis, cursor } = useHistoryModel(track * zoom);
  // Before useVirtualizer: its scroll listener must run before the virtualizer's (see useTrackPan).
  useTrackPan({ rootRef, scrollRef, axis, label, view: track, cursor });
  const { getItemKey, estimateSize } = virtualRows(rows); // the same functions while the rows are the same
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan: 12,
  });
  const selectedIndex = useRevealSelected(rows, virtualizer);
  const total = virtualizer.getTotalSize();
  const overlay = { left: label, width: track };
  return (
    <div
      className={axis.width > track ? 'waterfall waterfall--pans' : 'waterfall'}
      ref={rootRef}
      style={{ '--label-w': `${label}px`, '--track-w': `${track}px` } as React.CSSProperties}
      data-testid="history-waterfall"
      data-zoom={zoom}
    >
      <AxisHeader axis={axis} />
      <div className="waterfall__body">
        <div className="waterfall__overlay" style={overlay} aria-hidden="true">
          <div className="waterfall__pan">
            <Breaks axis={axis} />
          </div>
        </div>
        <div className="waterfall__scroll" ref={scrollRef} data-testid="history-list" tabIndex={-1}>
          <div className="waterfall__inner" style={{ height: total, width: label + axis.width + TRACK_END }}>
            {virtualizer.getVirtualItems().map((item) => (
              <HistoryRowView
                key={item.key}
                row={rows[item.index]!}
                axis={axis}
                selected={item.index === selectedIndex}
                top={item.start}
                height={item.size}
              />
            ))}
          </div>
        </div>
        {cursor !== null && (
          <div className="waterfall__overlay waterfall__overlay--top" style={overlay}>
            <div className="waterfall__pan">
              <div className="waterfall__cursor" style={{ left: cursor }} data-testid="history-cursor" />
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
