import { describe, expect, it } from 'vitest';
import { appStore, createAppStore } from './app-store';
import { MAX_NOTICES } from './notices-slice';

describe('appStore', () => {
  it('opens with a Cloudflare Python workflow that uses step.do and step.sleep', () => {
    const { source } = appStore.getState();
    expect(source).toContain('from workers import WorkflowEntrypoint');
    expect(source).toContain('async def run(self, event, step):');
    expect(source).toContain('async def charge_card(fetch_order):');
    expect(source).toContain('await step.sleep("cool-off", "10 seconds")');
  });

  it('opens a file with its text, and edits only the text', () => {
    const store = createAppStore();
    store.getState().openFile('f1', 'a = 1');
    store.getState().setSource('a = 2');
    expect(store.getState()).toMatchObject({ activeFileId: 'f1', source: 'a = 2' });
  });

  it('counts every reveal request, so asking for the same line twice scrolls twice', () => {
    const store = createAppStore();
    const range = { line: 3, column: 1, endLine: 4, endColumn: 5 };
    store.getState().revealRange(range);
    const first = store.getState().reveal;
    store.getState().revealRange(range);
    expect(store.getState().reveal).toEqual({ ...range, nonce: (first?.nonce ?? 0) + 1 });
  });

  it('keeps the selected step when another instance is selected, but drops a selected event', () => {
    const store = createAppStore();
    store.getState().select({ type: 'node', nodeId: 'do:a#1', call: null });
    store.getState().selectInstance('i-2');
    expect(store.getState().selection).toEqual({ type: 'node', nodeId: 'do:a#1', call: null });
    store.getState().select({ type: 'event', seq: 4 });
    store.getState().selectInstance('i-3');
    expect(store.getState()).toMatchObject({ selectedInstanceId: 'i-3', selection: null });
  });

  it('shows the summary when an instance is selected and the step when a step, call or event is', () => {
    const store = createAppStore();
    store.getState().select({ type: 'node', nodeId: 'do:a#1', call: null });
    expect(store.getState().inspectorTab).toBe('selection');
    store.getState().selectInstance('i-2');
    expect(store.getState().inspectorTab).toBe('instance');
    store.getState().select({ type: 'event', seq: 4 });
    expect(store.getState().inspectorTab).toBe('selection');
    store.getState().selectInstance(null);
    store.getState().select(null);
    expect(store.getState().inspectorTab).toBe('selection');
    store.getState().showInspectorTab('instance');
    expect(store.getState().inspectorTab).toBe('instance');
  });

  it('keeps the newest notices only, with ids that are never reused', () => {
    const store = createAppStore();
    const ids = Array.from({ length: MAX_NOTICES + 2 }, (_, i) =>
      store.getState().notify({ tone: 'info', title: `n${i}` }),
    );
    expect(MAX_NOTICES).toBe(3);
    expect(store.getState().notices.map((n) => n.title)).toEqual(['n2', 'n3', 'n4']);
    store.getState().dismissNotice(ids.at(-1)!);
    const next = store.getState().notify({ tone: 'error', title: 'again' });
    expect(new Set([...ids, next]).size).toBe(ids.length + 1);
  });

  it('sorts the instances newest first, flips on the same column, and starts a new one in its natural order', () => {
    const store = createAppStore();
    expect(store.getState().instanceSort).toEqual({ key: 'started', desc: true });
    store.getState().sortInstancesBy('started');
    expect(store.getState().instanceSort).toEqual({ key: 'started', desc: false });
    store.getState().sortInstancesBy('status');
    expect(store.getState().instanceSort).toEqual({ key: 'status', desc: false });
    store.getState().sortInstancesBy('duration');
    expect(store.getState().instanceSort).toEqual({ key: 'duration', desc: true });
  });

  it('merges filter changes, and bumps the run-now request', () => {
    const store = createAppStore();
    store.getState().setInstanceFilter({ search: 'ord' });
    store.getState().setInstanceFilter({ status: 'errored' });
    expect(store.getState().instanceFilter).toEqual({ status: 'errored', workflow: 'all', search: 'ord' });
    store.getState().requestRunNow();
    expect(store.getState().runNowNonce).toBe(1);
  });
});
