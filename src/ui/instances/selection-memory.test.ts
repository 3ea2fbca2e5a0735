import { describe, expect, it } from 'vitest';
import type { InstanceSummary } from '../../engine';
import { createAppStore } from '../../store';
import { createSelectionMemory, SELECTED_INSTANCE_SETTING } from './selection-memory';

const summary = (id: string): InstanceSummary => ({
  id,
  workflowName: 'wf',
  status: 'complete',
  createdAt: 0,
  updatedAt: 1,
  lastSeq: 3,
  runs: 1,
  steps: 1,
  error: null,
});

function memorySettings(initial: Record<string, unknown> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    values,
    get: async <T>(key: string, fallback: T): Promise<T> => (values.has(key) ? (values.get(key) as T) : fallback),
    set: async (key: string, value: unknown) => void values.set(key, value),
  };
}

describe('createSelectionMemory()', () => {
  it('selects the remembered instance again once the list is read, then remembers every change', async () => {
    const settings = memorySettings({ [SELECTED_INSTANCE_SETTING]: 'b' });
    const store = createAppStore();
    const memory = createSelectionMemory({ settings, store });
    await memory.restore([summary('a'), summary('b')]);
    expect(store.getState().selectedInstanceId).toBe('b');
    store.getState().selectInstance('a');
    await Promise.resolve();
    expect(settings.values.get(SELECTED_INSTANCE_SETTING)).toBe('a');
    store.getState().selectInstance(null);
    await Promise.resolve();
    expect(settings.values.get(SELECTED_INSTANCE_SETTING)).toBeNull();
    memory.dispose();
  });

  it('does not select an instance that is gone, nor replace a selection made meanwhile', async () => {
    const gone = createAppStore();
    await createSelectionMemory({
      settings: memorySettings({ [SELECTED_INSTANCE_SETTING]: 'x' }),
      store: gone,
    }).restore([summary('a')]);
    expect(gone.getState().selectedInstanceId).toBeNull();

    const busy = createAppStore();
    busy.getState().selectInstance('a');
    await createSelectionMemory({
      settings: memorySettings({ [SELECTED_INSTANCE_SETTING]: 'b' }),
      store: busy,
    }).restore([summary('a'), summary('b')]);
    expect(busy.getState().selectedInstanceId).toBe('a');
  });

  it('keeps what it restores when the selection is cleared while the app starts', async () => {
    const settings = memorySettings({ [SELECTED_INSTANCE_SETTING]: 'b' });
    const store = createAppStore();
    const memory = createSelectionMemory({ settings, store });
    store.getState().selectInstance('a');
    store.getState().selectInstance(null);
    expect(settings.values.get(SELECTED_INSTANCE_SETTING)).toBe('b');
    await memory.restore([summary('b')]);
    await memory.restore([]);
    expect(store.getState().selectedInstanceId).toBe('b');
  });
});
