import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { selectSelection, useAppStore } from '../../store';
import { useSelectedCall } from '../inspector/useSelectedCall';
import type { HistoryRow } from './lanes';

/**
 * The index of the row of the selected call (its last executed row) or sent event, scrolled into view when the
 * selection changes — so clicking a node in the graph makes the history jump to it. -1 when none.
 */
export function useRevealSelected(rows: readonly HistoryRow[], virtualizer: Virtualizer<HTMLDivElement, Element>) {
  const selection = useAppStore(selectSelection);
  const call = useSelectedCall();
  const index = useMemo(() => {
    if (selection?.type === 'event') return rows.findIndex((r) => r.type === 'event' && r.sent.seq === selection.seq);
    if (!call) return -1;
    return rows.findLastIndex(
      (r) =>
        r.type === 'call' &&
        !r.replayed &&
        r.ref.kind === call.kind &&
        r.ref.name === call.name &&
        r.ref.count === call.count &&
        r.source.call?.generation === call.generation,
    );
  }, [rows, selection, call]);
  const revealed = useRef<unknown>(null);
  useEffect(() => {
    if (index < 0 || revealed.current === selection) return;
    revealed.current = selection;
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [index, selection, virtualizer]);
  return index;
}
