import { useEffect, useState } from 'react';
import type { InstanceSummary } from '../../engine';
import { appStore } from '../../store';
import { settingsRepo } from '../data/studio-db';
import { createSelectionMemory } from './selection-memory';

/** Selects, after a reload, the instance selected before it (`selection-memory.ts`), once the list is read. */
export function useRestoredSelection(all: readonly InstanceSummary[] | undefined): void {
  const [memory] = useState(() => createSelectionMemory({ settings: settingsRepo, store: appStore }));
  useEffect(() => () => memory.dispose(), [memory]);
  useEffect(() => {
    if (all !== undefined) void memory.restore(all);
  }, [memory, all]);
}
