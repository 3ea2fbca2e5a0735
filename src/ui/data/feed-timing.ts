import { appStore } from '../../store';
import { errorText } from '../actions/run-workflow';

/** Browser timers and error reporting for the IndexedDB feeds. */
export const feedTiming = {
  now: () => performance.now(),
  setTimer: (cb: () => void, ms: number) => {
    const id = setTimeout(cb, ms);
    return () => clearTimeout(id);
  },
  onError: (e: unknown) =>
    appStore.getState().notify({ tone: 'error', title: 'Reading IndexedDB failed', detail: errorText(e) }),
};
