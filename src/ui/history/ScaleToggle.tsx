import { useEffect } from 'react';
import { appStore, type HistoryScale, selectHistoryScale, useAppStore } from '../../store';
import { settingsRepo } from '../data/studio-db';

const SETTING = 'history.scale';
let loaded = false;

/** Switches the time axis between compact and to scale, and remembers it (IndexedDB settings). */
export function toggleHistoryScale(): void {
  const next: HistoryScale = appStore.getState().historyScale === 'compact' ? 'to-scale' : 'compact';
  appStore.getState().setHistoryScale(next);
  void settingsRepo.set(SETTING, next).catch(() => undefined); // a view setting: not worth a notice
}

/** Reads the remembered scale once per page. */
function useRememberedScale(): void {
  useEffect(() => {
    if (loaded) return;
    loaded = true;
    void settingsRepo
      .get<HistoryScale>(SETTING, 'compact')
      .then((scale) => {
        if (scale === 'compact' || scale === 'to-scale') appStore.getState().setHistoryScale(scale);
      })
      .catch(() => undefined);
  }, []);
}

/**
 * The time axis as compact (idle gaps shortened to a marked break) or to scale (true time: a day-long sleep is
 * that long; tiny attempts keep a minimum width). A toggle button ("scale", pressed = to scale; short, so it fits
 * the label column beside the zoom); also T with focus in the history.
 */
export function ScaleToggle() {
  useRememberedScale();
  const toScale = useAppStore(selectHistoryScale) === 'to-scale';
  return (
    <button
      type="button"
      className={`zoom__button zoom__button--scale${toScale ? ' is-on' : ''}`}
      aria-pressed={toScale}
      onClick={toggleHistoryScale}
      title={
        toScale
          ? 'Time axis to scale: true time, idle gaps included (tiny spans keep a minimum width). Click for compact (T)'
          : 'Time axis compact: idle gaps are shortened to a marked break. Click for a true time axis (T)'
      }
      aria-label="Time axis to scale"
      data-testid="history-scale"
    >
      scale
    </button>
  );
}
