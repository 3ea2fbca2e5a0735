import { useMemo } from 'react';
import { selectExpandedReplays, selectHistoryScale, useAppStore } from '../../store';
import { useLiveInstance, useSelectedInstance } from '../data/SelectedInstanceProvider';
import { axisInput, buildHistoryRows, type HistoryRow } from './lanes';
import { buildTimeAxis, type TimeAxis } from './time-axis';

/** What the waterfall draws. */
export interface HistoryModel {
  rows: HistoryRow[];
  axis: TimeAxis;
  /** x on the track of the event the scrubber shows, or null when live. */
  cursor: number | null;
}

/**
 * Rows of the instance as the panes show it (at the scrubber's event while time travelling), on a time axis
 * laid out from the live journal, so scrubbing never moves the axis under the user's eyes; compact or to scale.
 */
export function useHistoryModel(trackWidth: number): HistoryModel {
  const live = useLiveInstance();
  const shown = useSelectedInstance();
  const expandedRuns = useAppStore(selectExpandedReplays);
  const expanded = useMemo(() => new Set(expandedRuns), [expandedRuns]);
  const liveView = live.status === 'ready' ? live.view : null;
  const shownView = shown.status === 'ready' ? shown.view : null;
  const liveRows = useMemo(() => (liveView ? buildHistoryRows(liveView, { expanded }) : []), [liveView, expanded]);
  const rows = useMemo(
    () => (shownView === liveView ? liveRows : shownView ? buildHistoryRows(shownView, { expanded }) : []),
    [shownView, liveView, liveRows, expanded],
  );
  const toScale = useAppStore(selectHistoryScale) === 'to-scale';
  const axis = useMemo(
    () => buildTimeAxis(axisInput(liveRows), { width: trackWidth, toScale }),
    [liveRows, trackWidth, toScale],
  );
  const cursor = shown.status === 'ready' && shown.travel ? axis.toX(shown.view.updatedAt) : null;
  return { rows, axis, cursor };
}
