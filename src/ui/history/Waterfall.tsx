import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, type RefObject, useRef } from 'react';
import { AxisHeader } from './AxisHeader';
import { HistoryRowView } from './HistoryRowView';
import { columns, ROW_HEIGHT } from './layout';
import type { TimeAxis } from './time-axis';
import { useElementWidth } from './useElementWidth';
import { useHistoryModel } from './useHistoryModel';
import { useRevealSelected } from './useRevealSelected';

/**
 * The compressed idle gaps as stripes over the whole height. They do not scroll (they are the same on every
 * row), so they stay out of the scrolled content and are painted once, not on every scrolled frame.
 */
const Breaks = memo(function Breaks({ axis, left }: { axis: TimeAxis; left: number }) {
  return (
    <div className="waterfall__breaks" aria-hidden="true">
      {axis.breaks.map((b) => (
        <div
          key={b.from}
          className={b.width < 4 ? 'waterfall__break waterfall__break--thin' : 'waterfall__break'}
          style={{ left: left + b.x, width: b.width }}
        />
      ))}
    </div>
  );
});

/**
 * The lanes as a virtualized waterfall: only the rows in view (and a few around) are in the DOM, so a journal
 * of 10 000 events scrolls as smoothly as one of ten. Breaks (compressed idle time) and the time-travel cursor
 * are drawn across every row.
 */
export function Waterfall() {
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(scrollRef as RefObject<HTMLElement | null>);
  const { label, track } = columns(width);
  const { rows, axis, cursor } = useHistoryModel(track);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => ROW_HEIGHT[rows[i]!.type],
    getItemKey: (i) => rows[i]!.key,
    overscan: 12,
  });
  const selectedIndex = useRevealSelected(rows, virtualizer);
  const total = virtualizer.getTotalSize();
  return (
    <div className="waterfall" style={{ '--label-w': `${label}px` } as React.CSSProperties}>
      <AxisHeader axis={axis} />
      <div className="waterfall__body">
        <Breaks axis={axis} left={label} />
        <div className="waterfall__scroll" ref={scrollRef} data-testid="history-list" tabIndex={-1}>
          <div className="waterfall__inner" style={{ height: total }}>
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
          <div className="waterfall__cursor" style={{ left: label + cursor }} data-testid="history-cursor" />
        )}
      </div>
    </div>
  );
}
