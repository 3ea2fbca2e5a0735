import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../store';
import { createPlanFeed } from './plan-feed';

const WF = (body: string) => `from workers import WorkflowEntrypoint

class W(WorkflowEntrypoint):
    async def run(self, event, step):
${body}
`;

function setup() {
  const store = createAppStore();
  store.getState().openFile('f1', WF('        await step.sleep("a", "1 second")'));
  const timers: (() => void)[] = [];
  const feed = createPlanFeed({
    store,
    debounceMs: 100,
    now: () => 0,
    setTimer: (cb) => {
      timers.push(cb);
      return () => timers.splice(timers.indexOf(cb), 1);
    },
  });
  return { store, feed, timers };
}

describe('createPlanFeed()', () => {
  it('analyses the open source at once', () => {
    const { feed } = setup();
    expect(feed.getSnapshot().plan.workflows[0]?.nodes.map((n) => n.name)).toEqual(['a']);
  });

  it('analyses nothing until first asked (the first render of the page shows the editor alone)', () => {
    const store = createAppStore();
    store.getState().openFile('f1', WF('        await step.sleep("a", "1 second")'));
    let clock = 0;
    const feed = createPlanFeed({ store, debounceMs: 100, now: () => clock++, setTimer: () => () => {} });
    expect(clock).toBe(0); // an analysis reads the clock before and after
    expect(feed.getSnapshot().plan.workflows[0]?.nodes.map((n) => n.name)).toEqual(['a']);
    expect(clock).toBe(2);
    feed.getSnapshot();
    expect(clock).toBe(2);
    feed.dispose();
  });

  it('re-analyses only after the quiet time, then notifies once', () => {
    const { store, feed, timers } = setup();
    let calls = 0;
    feed.subscribe(() => calls++);
    store.getState().setSource(WF('        await step.sleep("b", "1 second")'));
    store.getState().setSource(WF('        await step.sleep("bc", "1 second")'));
    expect(timers).toHaveLength(1);
    expect(feed.getSnapshot().plan.workflows[0]?.nodes[0]?.name).toBe('a');
    timers[0]!();
    expect(calls).toBe(1);
    expect(feed.getSnapshot().plan.workflows[0]?.nodes[0]?.name).toBe('bc');
  });

  it('analyses at once when another file is opened', () => {
    const { store, feed } = setup();
    feed.subscribe(() => {});
    store.getState().openFile('f2', WF('        await step.sleep("z", "1 second")'));
    expect(feed.getSnapshot()).toMatchObject({ fileId: 'f2' });
    expect(feed.getSnapshot().plan.workflows[0]?.nodes[0]?.name).toBe('z');
  });

  it('holds no store subscription without listeners, and catches up when read', () => {
    const { store, feed, timers } = setup();
    const stop = feed.subscribe(() => {});
    stop();
    store.getState().setSource(WF('        await step.sleep("later", "1 second")'));
    expect(timers).toHaveLength(0);
    expect(feed.getSnapshot().plan.workflows[0]?.nodes[0]?.name).toBe('later');
  });

  it('keeps the snapshot when an edit does not change the plan (comments, whitespace inside steps)', () => {
    const { store, feed, timers } = setup();
    const before = feed.getSnapshot().plan;
    let calls = 0;
    feed.subscribe(() => calls++);
    store.getState().setSource(`${store.getState().source}# a comment\n`);
    timers[0]!();
    expect(calls).toBe(0);
    expect(feed.getSnapshot().plan).toBe(before);
  });
});
