/**
 * Remembers the selected instance across reloads: every change of the selection is written to the settings
 * table; on start, once the instance list has been read, the remembered instance is selected again if it
 * still exists and nothing else was selected meanwhile. Framework-free; `useRestoredSelection` wires it.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { InstanceSummary } from '../../engine';
import type { SettingsRepo } from '../../persistence';
import type { AppState } from '../../store';

/** The setting that holds the selected instance's id (or null). */
export const SELECTED_INSTANCE_SETTING = 'instances.selectedId';

/** The handle: restore once, then remember every change. */
export interface SelectionMemory {
  /** Selects the remembered instance if it is in `all` and none is selected; later calls do nothing. */
  restore(all: readonly InstanceSummary[]): Promise<void>;
  dispose(): void;
}

export function createSelectionMemory(deps: {
  settings: Pick<SettingsRepo, 'get' | 'set'>;
  store: StoreApi<AppState>;
}): SelectionMemory {
  const { settings, store } = deps;
  let restoring: Promise<void> | null = null;
  let remembering = false;
  const unsubscribe = store.subscribe((s, prev) => {
    if (!remembering || s.selectedInstanceId === prev.selectedInstanceId) return;
    void settings.set(SELECTED_INSTANCE_SETTING, s.selectedInstanceId).catch(() => {});
  });
  return {
    restore(all) {
      restoring ??= (async () => {
        try {
          const id = await settings.get<string | null>(SELECTED_INSTANCE_SETTING, null);
          const s = store.getState();
          if (id !== null && s.selectedInstanceId === null && all.some((r) => r.id === id)) s.selectInstance(id);
        } finally {
          // Only now: a selection cleared while the app starts must not erase what is being restored.
          remembering = true;
        }
      })();
      return restoring;
    },
    dispose: unsubscribe,
  };
}
