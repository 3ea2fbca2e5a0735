import { type CSSProperties, type MouseEvent, memo } from 'react';
import { formatClock } from '../format';
import { callDetail, eventMarkers } from './call-detail';
import {
  callLabel,
  END_TIPS,
  REASON_TIPS,
  REASON_WORD,
  REASONS,
  REPLAYED_TIP,
  runEnd,
  runEndWord,
} from './history-items';
import { useHistoryReadOnly } from './history-read-only';
import { type CallRow, type HistoryRow, KIND_WORD } from './lanes';
import { besideBar } from './layout';
import { notRestartable, restartFromCall, selectCall, selectEvent, toggleReplays } from './row-actions';
import { Track } from './Track';
import type { TimeAxis } from './time-axis';

interface RowProps {
  row: HistoryRow;
  axis: TimeAxis;
  selected: boolean;
  /** Offset from the list's top and height, px (numbers, so an unchanged row is not re-rendered). */
  top: number;
  height: number;
}

const NO_SPANS: never[] = [];

/** Longest printed line drawn in full (the row shows what fits; its tooltip this much). */
const MAX_LINE_CHARS = 2000;

const RUN_OUTPUT_TIP = (run: number) =>
  `Printed by run() outside any step, in run ${run} (stdout and stderr). run() prints again each time it runs from the top; a step's prints are with its attempts in the inspector.`;

/** Where an event's words go on the track (which starts after the label column). */
const eventTextPlace = (axis: TimeAxis, at: number, text: string): CSSProperties => ({
  left: `calc(var(--label-w) + ${besideBar(axis.toX(at), 5, axis.width, text.length).left}px)`,
});

/** The row's call as a selection: with its generation when the row executed it. */
const selectionOf = (row: CallRow) =>
  row.source.call ? { ...row.ref, generation: row.source.call.generation } : row.ref;

const onContext = (row: CallRow, readOnly: string | null) => (e: MouseEvent) => {
  e.preventDefault();
  if (readOnly === null) restartFromCall(selectionOf(row));
  else notRestartable(readOnly);
};

/** One row of the waterfall: a lane header, a call, a lane's replayed calls, a divergence or a sent event. */
export const HistoryRowView = memo(function HistoryRowView({ row, axis, selected, top, height }: RowProps) {
  const readOnly = useHistoryReadOnly();
  const style: CSSProperties = { transform: `translateY(${top}px)`, height };
  switch (row.type) {
    case 'lane': {
      const x = axis.toX(row.from);
      const w = Math.max(3, axis.toX(row.to) - x);
      const end = runEndWord(row.run);
      return (
        <div
          className={`hrow hrow--lane hrow--end-${row.run.end ?? 'running'}`}
          style={style}
          data-testid="history-lane"
          data-run={row.run.run}
          data-reason={row.run.reason}
          data-end={row.run.end ?? 'running'}
          title={`run ${row.run.run}: ${REASONS[row.run.reason]}, ${runEnd(row.run)}. Started ${formatClock(row.from)}; executed ${row.executed} call(s), replayed ${row.replayed} from the journal.`}
        >
          <span className="hrow__label">
            <strong>run {row.run.run}</strong> ·{' '}
            <span className="hrow__reason" title={REASON_TIPS[row.run.reason]} data-testid="lane-reason">
              {REASON_WORD[row.run.reason]}
            </span>
            {row.replayed > 0 && (
              <span className="hrow__replay-count" title={REPLAYED_TIP}>
                {' '}
                · ↻{row.replayed}
              </span>
            )}
          </span>
          <span className="track">
            <span className="track__lane" style={{ left: x, width: w }} />
            <span
              className="hrow__lane-end"
              style={besideBar(x, w, axis.width, end.length)}
              title={END_TIPS[row.run.end ?? 'running']}
              data-testid="lane-end"
            >
              {end}
            </span>
          </span>
        </div>
      );
    }
    case 'replayed':
      return (
        <div className="hrow hrow--replayed" style={style} data-testid="history-replayed" data-run={row.run}>
          <button
            type="button"
            className="hrow__label hrow__toggle"
            onClick={() => toggleReplays(row.run)}
            title={`${REPLAYED_TIP} Click to ${row.expanded ? 'hide' : 'list'} them.`}
          >
            {row.expanded ? '▾' : '▸'} ↻ {row.count} from the journal
          </button>
          {!row.expanded && (
            <span className="hrow__names">
              {row.names}
              {row.count > 3 ? ', …' : ''}
            </span>
          )}
        </div>
      );
    case 'call': {
      const detail = callDetail(row.source);
      return (
        <div
          className={`hrow hrow--call hrow--${row.ref.kind}${row.replayed ? ' hrow--from-journal' : ''}${row.orphaned ? ' hrow--orphaned' : ''}${selected ? ' is-selected' : ''}`}
          style={style}
          data-testid="history-call"
          data-name={row.ref.name}
          data-run={row.run}
          data-replayed={row.replayed}
        >
          <button
            type="button"
            className="hrow__label"
            onClick={() => selectCall(selectionOf(row))}
            onContextMenu={row.replayed ? undefined : onContext(row, readOnly)}
            title={`${detail.status}${row.replayed ? '' : readOnly ? ` · no restart from here: ${readOnly}` : ' · right-click: restart from here'}`}
          >
            <span className="hrow__kind">{row.replayed ? '↻' : KIND_WORD[row.ref.kind]}</span> {callLabel(row.ref)}
          </button>
          {!row.replayed && readOnly === null && (
            <button
              type="button"
              className="hrow__restart"
              title={`Restart from ${callLabel(row.ref)} (keeps the results before it)`}
              aria-label={`Restart from ${callLabel(row.ref)}`}
              onClick={() => restartFromCall(selectionOf(row))}
            >
              ⟲
            </button>
          )}
          <Track spans={detail.spans} markers={detail.markers} axis={axis} />
        </div>
      );
    }
    case 'divergence': {
      const { expected, got } = row.divergence;
      return (
        <div className="hrow hrow--divergence" style={style} data-testid="history-divergence" role="note">
          <span className="hrow__divergence-head">⚠ run {row.run} diverged from the journal</span>
          <span className="hrow__divergence-body">
            journal expected {KIND_WORD[expected.kind]} <code>{callLabel(expected)}</code>, the code asked for{' '}
            {got ? (
              <>
                {KIND_WORD[got.kind]} <code>{callLabel(got)}</code>
              </>
            ) : (
              'nothing more'
            )}
          </span>
        </div>
      );
    }
    case 'output': {
      const text = row.text.length > MAX_LINE_CHARS ? `${row.text.slice(0, MAX_LINE_CHARS)}…` : row.text;
      return (
        <div className="hrow hrow--output" style={style} data-testid="history-output" data-run={row.run}>
          <span className="hrow__output-tag" title={RUN_OUTPUT_TIP(row.run)}>
            {row.first ? 'run() print' : ''}
          </span>
          <span className="hrow__output-text" title={text === '' ? undefined : text}>
            {text}
          </span>
        </div>
      );
    }
    case 'event': {
      const markers = eventMarkers(row.sent);
      const to = row.sent.consumedBy
        ? `→ ${callLabel(row.sent.consumedBy)}`
        : row.sent.dropped
          ? 'dropped by a restart'
          : 'queued';
      return (
        <div className={`hrow hrow--event${selected ? ' is-selected' : ''}`} style={style} data-testid="history-event">
          <button
            type="button"
            className="hrow__label"
            onClick={() => selectEvent(row.sent.seq)}
            title={markers[0]?.label}
          >
            ✉ event “{row.sent.type}”
          </button>
          <Track spans={NO_SPANS} markers={markers} axis={axis} />
          <span className="track__text track__text--event" style={eventTextPlace(axis, row.sent.timestamp, to)}>
            {to}
          </span>
        </div>
      );
    }
  }
});
