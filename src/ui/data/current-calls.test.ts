import { describe, expect, it } from 'vitest';
import { createTestEngine, T0 } from '../test-support/engine-journal';
import { currentCalls } from './current-calls';

const names = (calls: { name: string; generation: number }[]) => calls.map((c) => `${c.name}@${c.generation}`);

describe('currentCalls()', () => {
  const body = async ({ step }: { step: import('../../engine').WorkflowStep }) => {
    await step.do('a', () => 1);
    await step.sleep('nap', '1 second');
    await step.do('b', () => 2);
  };

  it('is every call of a never-restarted instance', async () => {
    const t = createTestEngine(body);
    await t.create();
    await t.idle(T0 + 5000);
    expect(names(currentCalls(await t.view()))).toEqual(['a@0', 'nap@0', 'b@0']);
  });

  it('keeps the calls before restart(from) with their old generation, and the re-run ones from the new', async () => {
    const t = createTestEngine(body);
    const h = await t.create();
    await t.idle(T0 + 5000);
    await h.restart({ from: { name: 'b' } });
    await t.idle(T0 + 10_000);
    const view = await t.view();
    expect(view.generation).toBe(1);
    expect(names(currentCalls(view))).toEqual(['a@0', 'nap@0', 'b@1']);
  });

  it('drops every old call on a full restart', async () => {
    const t = createTestEngine(body);
    const h = await t.create();
    await t.idle(T0 + 5000);
    await h.restart();
    await t.idle(T0 + 5500);
    expect(names(currentCalls(await t.view()))).toEqual(['a@1', 'nap@1']);
  });
});
