import { describe, expect, it } from 'vitest';
import type { InstanceView, WorkflowStep } from '../../engine';
import { createTestEngine, T0 } from '../test-support/engine-journal';
import { callDetail } from './call-detail';
import { axisInput, buildHistoryRows, type CallRow, type HistoryRow } from './lanes';

const d = (r: CallRow) => callDetail(r.source);
const lanes = (rows: HistoryRow[]) => rows.filter((r) => r.type === 'lane');
const calls = (rows: HistoryRow[], run: number) => rows.filter((r): r is CallRow => r.type === 'call' && r.run === run);
const shape = (rows: HistoryRow[]) =>
  rows.map((r) =>
    r.type === 'lane'
      ? `lane ${r.run.run} ${r.run.reason}→${r.run.end}`
      : r.type === 'call'
        ? `  ${r.replayed ? '↻' : '▸'} ${r.ref.name} ${d(r)
            .spans.map((s) => s.kind)
            .join(',')}`
        : r.type === 'replayed'
          ? `  replayed ${r.count}${r.expanded ? '' : ' (collapsed)'}`
          : r.type === 'event'
            ? `event ${r.sent.type}`
            : r.type === 'output'
              ? `  | ${r.text}`
              : `  diverged ${r.divergence.expected.name}→${r.divergence.got?.name ?? 'nothing'}`,
  );

const RETRY = { retries: { limit: 3, delay: '1 second', backoff: 'exponential' as const } };

describe('buildHistoryRows()', () => {
  it("shows what run() printed in that run's lane, line by line, between the calls it came between", async () => {
    const t = createTestEngine(async ({ step, log }) => {
      log('before sleep\n');
      await step.do('greet', (_ctx, hooks) => {
        hooks.log('a step print\n');
        return 1;
      });
      log('two\nlines\n');
      await step.sleep('nap', '1 second');
      log('after');
      return 'done';
    });
    await t.create();
    await t.idle();
    const rows = buildHistoryRows(await t.view());
    expect(shape(rows)).toEqual([
      'lane 1 create→evicted',
      '  | before sleep',
      '  ▸ greet attempt-succeeded',
      '  | two',
      '  | lines',
      '  ▸ nap sleep',
      'lane 2 wake→finished',
      '  | before sleep',
      '  replayed 1',
      '  ↻ greet ',
      '  | two',
      '  | lines',
      '  ▸ nap ',
      '  | after',
    ]);
    // A step's own prints stay with its attempts (the inspector), never in the lane as run() output.
    expect(rows.filter((r) => r.type === 'output').map((r) => r.text)).not.toContain('a step print');
    const firsts = rows.flatMap((r) => (r.type === 'output' && r.first ? [r.text] : []));
    expect(firsts).toEqual(['before sleep', 'two', 'before sleep', 'two', 'after']);
  });

  it('keeps run() output after the replayed calls of a collapsed lane, and an empty printed line as a row', async () => {
    const t = createTestEngine(async ({ step, log }) => {
      for (let i = 0; i < 8; i++) await step.do(`s${i}`, () => i);
      log('\n');
      await step.sleep('nap', '1 second');
      return 'done';
    });
    await t.create();
    await t.idle();
    const rows = buildHistoryRows(await t.view());
    const lane2 = shape(rows).slice(shape(rows).indexOf('lane 2 wake→finished'));
    expect(lane2).toEqual(['lane 2 wake→finished', '  replayed 8 (collapsed)', '  | ', '  ▸ nap ']);
  });

  it('cuts the retry delay of a step whose instance was terminated while waiting to retry: "no retry", not "retry in"', async () => {
    const t = createTestEngine(async ({ step }) =>
      step.do(
        'flaky',
        () => {
          throw new Error('down');
        },
        RETRY,
      ),
    );
    const handle = await t.create();
    await t.idle(T0 + 200);
    await handle.terminate();
    const view = await t.view();
    expect(view.status).toBe('terminated');
    const [delay] = buildHistoryRows(view).flatMap((r) =>
      r.type === 'call' ? d(r).spans.filter((s) => s.kind === 'retry-delay') : [],
    );
    expect(delay).toMatchObject({ text: 'no retry', cancelled: true, to: view.updatedAt });
    expect(delay?.to).toBeLessThan(delay?.attempt?.retryAt ?? 0);
    expect(delay?.label).toMatch(
      /^no retry: the instance ended at \d\d:\d\d:\d\d\.\d{3}, before the retry due 1\.0 s after the failure$/,
    );
  });

  it('draws a flaky step as attempts across lanes, with each retry delay labelled by its backoff', async () => {
    let attempt = 0;
    const t = createTestEngine(async ({ step }) => {
      await step.do(
        'flaky',
        () => {
          attempt += 1;
          if (attempt <= 2) throw new Error(`timeout ${attempt}`);
          return attempt;
        },
        RETRY,
      );
      return step.do('store', () => 'ok');
    });
    await t.create();
    await t.idle();
    const rows = buildHistoryRows(await t.view());
    expect(shape(rows)).toEqual([
      'lane 1 create→evicted',
      '  ▸ flaky attempt-failed,retry-delay',
      'lane 2 wake→evicted',
      '  ▸ flaky attempt-failed,retry-delay',
      'lane 3 wake→finished',
      '  ▸ flaky attempt-succeeded',
      '  ▸ store attempt-succeeded',
    ]);
    const delays = rows.flatMap((r) => (r.type === 'call' ? d(r).spans.filter((s) => s.kind === 'retry-delay') : []));
    expect(delays.map((d) => d.text)).toEqual(['retry in 1.0 s', 'retry in 2.0 s']);
    expect(delays[1]!.label).toMatch(/^retry in 2\.0 s \(exponential backoff\), at \d\d:\d\d:\d\d\.\d{3}$/);
    expect(delays.map((d) => d.to - d.from)).toEqual([1000, 2000]);
    expect(d(calls(rows, 1)[0]!).spans[0]!.label).toContain('attempt 1');
    expect(d(calls(rows, 1)[0]!).spans[0]!.label).toContain('failed: Error: timeout 1');
  });

  it('shows what a run after a sleep served from the journal, and the sleep with its end time', async () => {
    const t = createTestEngine(async ({ step }: { step: WorkflowStep }) => {
      await step.do('draft', () => 'd');
      await step.sleep('nap', '1 day');
      return step.do('send', () => 's');
    });
    await t.create();
    await t.idle();
    const view = await t.view();
    const rows = buildHistoryRows(view);
    expect(shape(rows)).toEqual([
      'lane 1 create→evicted',
      '  ▸ draft attempt-succeeded',
      '  ▸ nap sleep',
      'lane 2 wake→finished',
      '  replayed 1',
      '  ↻ draft ',
      '  ▸ nap ',
      '  ▸ send attempt-succeeded',
    ]);
    const nap = calls(rows, 1)[1]!;
    expect(d(nap).spans[0]).toMatchObject({ kind: 'sleep', from: T0, to: T0 + 86_400_000 });
    expect(d(nap).status).toMatch(/^sleeps 1 d 0 h, until \d\d:\d\d:\d\d\.\d{3}$/);
    expect(d(calls(rows, 2)[1]!).markers[0]!.kind).toBe('sleep-finished');
  });

  it('collapses long replay lists unless the lane is expanded', async () => {
    const t = createTestEngine(async ({ step }: { step: WorkflowStep }) => {
      for (let i = 0; i < 10; i++) await step.do(`s${i}`, () => i);
      await step.sleep('nap', '1 second');
      return step.do('last', () => 1);
    });
    await t.create();
    await t.idle();
    const view = await t.view();
    const collapsed = buildHistoryRows(view);
    expect(collapsed.find((r) => r.type === 'replayed')).toMatchObject({
      count: 10,
      expanded: false,
      names: 's0, s1, s2',
    });
    expect(calls(collapsed, 2).filter((r) => r.replayed)).toHaveLength(0);
    const open = buildHistoryRows(view, { expanded: new Set([2]) });
    expect(calls(open, 2).filter((r) => r.replayed)).toHaveLength(10);
  });

  it('places sent events between lanes by journal order', async () => {
    const t = createTestEngine(async ({ step }: { step: WorkflowStep }) => {
      await step.do('ask', () => 1);
      const e = await step.waitForEvent('approval', { type: 'approve', timeout: '1 hour' });
      return e.payload;
    });
    const h = await t.create();
    await t.idle(T0 + 1000);
    await h.sendEvent({ type: 'approve', payload: { ok: true } });
    await t.idle();
    const rows = buildHistoryRows(await t.view());
    expect(shape(rows)).toEqual([
      'lane 1 create→evicted',
      '  ▸ ask attempt-succeeded',
      '  ▸ approval wait',
      'event approve',
      'lane 2 event→finished',
      '  replayed 1',
      '  ↻ ask ',
      '  ▸ approval ',
    ]);
    const wait = calls(rows, 1)[1]!;
    expect(d(wait).spans[0]!.to - d(wait).spans[0]!.from).toBe(1000);
    expect(d(calls(rows, 2)[1]!).markers[0]).toMatchObject({ kind: 'event-received' });
  });

  it('marks the divergence in the lane of the run that diverged, with what was expected and what came', async () => {
    let name = 'charge';
    const t = createTestEngine(async ({ step }: { step: WorkflowStep }) => {
      await step.do(name, () => name);
      await step.sleep('nap', '1 minute');
      return step.do('after', () => 'done');
    });
    await t.create();
    await t.idle(T0 + 1000);
    name = 'charge-card';
    await t.idle();
    const rows = buildHistoryRows(await t.view());
    const d = rows.find((r) => r.type === 'divergence');
    expect(d).toMatchObject({ run: 2, divergence: { expected: { name: 'charge' }, got: { name: 'charge-card' } } });
    expect(calls(rows, 1)[0]).toMatchObject({ ref: { name: 'charge' }, orphaned: true });
  });

  it('shows an attempt a crash lost, and the recovery lane that ran it again', async () => {
    let release: () => void = () => {};
    let runs = 0;
    const t = createTestEngine(async ({ step }: { step: WorkflowStep }) => {
      await step.do('a', () => 'a');
      return step.do('slow', () => {
        runs += 1;
        return runs === 1
          ? new Promise<string>((r) => {
              release = () => r('late');
            })
          : 'b';
      });
    });
    await t.create();
    await t.engine.settle();
    await t.crash();
    await t.idle();
    release();
    const view: InstanceView = await t.view();
    const rows = buildHistoryRows(view);
    expect(lanes(rows).map((l) => (l.type === 'lane' ? `${l.run.reason}→${l.run.end}` : ''))).toEqual([
      'create→crashed',
      'recover→finished',
    ]);
    const lost = d(calls(rows, 1).find((r) => r.ref.name === 'slow')!).spans;
    expect(lost.map((s) => s.kind)).toEqual(['attempt-lost']);
    // The lost run's lane ends with the last thing it did, not when the recovery started.
    expect(lanes(rows)[0]).toMatchObject({ to: lost[0]!.from });
    expect(d(calls(rows, 1).find((r) => r.ref.name === 'slow')!).status).toBe('attempt 1: lost');
    expect(calls(rows, 2).map((r) => `${r.replayed ? '↻' : '▸'} ${r.ref.name}`)).toEqual(['↻ a', '▸ slow']);
    expect(runs).toBe(2);
  });
});

describe('axisInput()', () => {
  it('marks attempts busy so a long step is never drawn as an idle break', async () => {
    const t = createTestEngine(async ({ step }: { step: WorkflowStep }) => {
      await step.do('a', () => 1);
      await step.sleep('nap', '1 hour');
    });
    await t.create();
    await t.idle();
    const input = axisInput(buildHistoryRows(await t.view()));
    expect(input.points).toContain(T0 + 3_600_000);
    expect(input.busy?.length).toBe(1);
  });
});
