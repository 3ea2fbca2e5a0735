import { type ReactNode, useState } from 'react';
import { appStore } from '../../store';
import { createPlanFeed } from './plan-feed';
import { PlanContext } from './usePlan';

/** Quiet time after a keystroke before the source is analysed again. */
const ANALYSIS_DEBOUNCE_MS = 120;

const createFeed = () =>
  createPlanFeed({
    store: appStore,
    debounceMs: ANALYSIS_DEBOUNCE_MS,
    now: () => performance.now(),
    setTimer: (cb, ms) => {
      const id = setTimeout(cb, ms);
      return () => clearTimeout(id);
    },
  });

/** Owns the plan feed of the open file for everything below it (editor squiggles, graph, inspector). */
export function PlanProvider({ children }: { children: ReactNode }) {
  const [feed] = useState(createFeed);
  return <PlanContext value={feed}>{children}</PlanContext>;
}
