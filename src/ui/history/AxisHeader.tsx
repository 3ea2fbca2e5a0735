import { memo } from 'react';
import { formatClock, formatDuration } from '../format';
import { ScaleToggle } from './ScaleToggle';
import type { TimeAxis } from './time-axis';
import { ZoomControls } from './ZoomControls';

/** Room kept for the start and end times at both ends of the axis (px). */
const END_LABEL_PX = 58;
/** Approximate width of one character of the axis' 10 px text. */
const CHAR_PX = 6;

/**
 * The time axis over the track: where it starts and ends, and each compressed idle gap with its real length;
 * the zoom controls and the compact / to-scale toggle in the label column. Zoomed in, the axis scrolls sideways with the rows (`--pan`).
 */
export const AxisHeader = memo(function AxisHeader({ axis }: { axis: TimeAxis }) {
  let lastRight = END_LABEL_PX;
  const days = Math.floor((axis.end - axis.start) / 86_400_000);
  return (
    <div className="axis">
      <span className="axis__label-col">
        <ZoomControls />
        <ScaleToggle />
      </span>
      <span className="axis__track" aria-hidden="true">
        <span className="axis__pan" style={{ width: axis.width }}>
          <span className="axis__start">{formatClock(axis.start).slice(0, 8)}</span>
          {axis.breaks.map((b) => {
            const text = formatDuration(b.to - b.from);
            const half = (text.length * CHAR_PX) / 2 + 2;
            const center = b.x + b.width / 2;
            const show = center - half > lastRight && center + half < axis.width - END_LABEL_PX - (days > 0 ? 34 : 0);
            if (show) lastRight = center + half;
            return (
              <span
                key={b.from}
                className="axis__break"
                style={{ left: b.x, width: b.width }}
                title={`${formatDuration(b.to - b.from)} of idle time compressed (${formatClock(b.from)} → ${formatClock(b.to)})`}
              >
                {show && <span className="axis__break-text">{text}</span>}
              </span>
            );
          })}
          <span className="axis__end">
            {days > 0 && `+${days} d `}
            {formatClock(axis.end).slice(0, 8)}
          </span>
        </span>
      </span>
    </div>
  );
});
