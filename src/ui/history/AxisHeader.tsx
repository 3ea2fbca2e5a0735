import { memo } from 'react';
import { formatClock, formatDuration } from '../format';
import type { TimeAxis } from './time-axis';

/** Break labels closer than this (px) would overlap; later ones are left out (their tooltip still tells). */
const LABEL_GAP = 34;

/** The time axis over the track: where it starts and ends, and each compressed idle gap with its real length. */
export const AxisHeader = memo(function AxisHeader({ axis }: { axis: TimeAxis }) {
  let lastLabel = Number.NEGATIVE_INFINITY;
  return (
    <div className="axis" aria-hidden="true">
      <span className="axis__label-col">time →</span>
      <span className="axis__track">
        <span className="axis__start">{formatClock(axis.start).slice(0, 8)}</span>
        {axis.breaks.map((b) => {
          const show = b.x - lastLabel >= LABEL_GAP && b.x > 56 && b.x < axis.width - 64;
          if (show) lastLabel = b.x;
          return (
            <span
              key={b.from}
              className="axis__break"
              style={{ left: b.x, width: b.width }}
              title={`${formatDuration(b.to - b.from)} of idle time compressed (${formatClock(b.from)} → ${formatClock(b.to)})`}
            >
              {show && <span className="axis__break-text">{formatDuration(b.to - b.from)}</span>}
            </span>
          );
        })}
        <span className="axis__end">{formatClock(axis.end).slice(0, 8)}</span>
      </span>
    </div>
  );
});
