import { createContext, useContext, useSyncExternalStore } from 'react';
import type { PlanFeed, PlanSnapshot } from './plan-feed';

/** The plan feed of the open file; provided by `PlanProvider`. */
export const PlanContext = createContext<PlanFeed | null>(null);

/** The latest analysis of the open file, re-rendering when the plan changes (not on every keystroke). */
export function usePlan(): PlanSnapshot {
  const feed = useContext(PlanContext);
  if (!feed) throw new Error('usePlan() needs a <PlanProvider> above it');
  return useSyncExternalStore(feed.subscribe, feed.getSnapshot);
}
