import { Fragment, memo } from 'react';
import type { Marker, Span } from './call-detail';
import { besideBar } from './layout';
import type { TimeAxis } from './time-axis';

interface TrackProps {
  spans: readonly Span[];
  markers: readonly Marker[];
  axis: TimeAxis;
}

/** Narrowest drawn span: a 1 ms attempt must still be visible and clickable. */
const MIN_WIDTH = 3;

/** One row's spans (attempts, retry delays, sleeps, waits) and markers on the shared time axis. */
export const Track = memo(function Track({ spans, markers, axis }: TrackProps) {
  return (
    <div className="track">
      {spans.map((s, i) => {
        const x = axis.toX(s.from);
        const w = Math.max(MIN_WIDTH, axis.toX(s.to) - x);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a row's spans never reorder.
          <Fragment key={i}>
            <span
              className={`track__span track__span--${s.kind}`}
              style={{ left: x, width: w }}
              title={s.label}
              data-testid={s.kind.startsWith('attempt') ? 'history-attempt' : `history-${s.kind}`}
              data-kind={s.kind}
            />
            {s.text && (
              <span className={`track__text track__text--${s.kind}`} style={besideBar(x, w, axis.width, s.text.length)}>
                {s.text}
              </span>
            )}
          </Fragment>
        );
      })}
      {markers.map((m, i) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: a row's markers never reorder.
          key={`m${i}`}
          className={`track__marker track__marker--${m.kind}`}
          style={{ left: axis.toX(m.at) }}
          title={m.label}
        />
      ))}
    </div>
  );
});
