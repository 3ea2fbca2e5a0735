import { describe, expect, it } from 'vitest';
import type { WorkflowStep } from '../../engine';
import { createTestEngine } from '../test-support/engine-journal';
import { scrubberModel, travelFor } from './scrubber-model';

async function events() {
  const t = createTestEngine(async ({ step }: { step: WorkflowStep }) => {
    await step.do('a', () => 1);
  });
  await t.create();
  await t.idle();
  return t.journal();
}

describe('scrubberModel()', () => {
  it('stands at the end and says live when not travelling', async () => {
    const e = await events();
    const m = scrubberModel(e, null);
    expect(m).toMatchObject({ value: e.length, lastSeq: e.length, live: true, position: `live · ${e.length} events` });
    expect(m.event).toMatch(/^run 1 finished: run\(\) returned · \d\d:\d\d:\d\d\.\d{3}$/);
  });

  it('names the seq and the event it shows while travelling', async () => {
    const e = await events();
    const m = scrubberModel(e, 2);
    expect(m).toMatchObject({ value: 2, live: false, position: `viewing seq 2 of ${e.length}` });
    expect(m.event).toMatch(/^run 1 started \(create\) · /);
  });

  it('is live again at or past the end', async () => {
    const e = await events();
    expect(scrubberModel(e, e.length).live).toBe(true);
    expect(scrubberModel(e, e.length + 3).value).toBe(e.length);
  });
});

describe('travelFor()', () => {
  it('pins a seq before the end, and goes live at the end', () => {
    expect(travelFor('i-1', 3, 10)).toEqual({ instanceId: 'i-1', seq: 3 });
    expect(travelFor('i-1', 10, 10)).toBeNull();
    expect(travelFor('i-1', 0, 10)).toEqual({ instanceId: 'i-1', seq: 1 });
  });
});
