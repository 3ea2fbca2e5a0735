import { describe, expect, it } from 'vitest';
import type { JournalEvent } from './journal';
import { MAX_OUTPUT_BYTES } from './output-cap';
import { createHarness } from './test-harness';
import type { WorkflowBody } from './types';

/** The journal as a story: run output as `N| text`, replays as `↻ names`, step prints with their step. */
function story(events: readonly JournalEvent[]): string[] {
  return events
    .filter((e) => !['instance-created', 'step-started', 'attempt-started'].includes(e.type))
    .map((e) => {
      switch (e.type) {
        case 'run-output':
          return `${e.run}| ${e.text}`;
        case 'calls-replayed':
          return `↻ ${e.calls.map((c) => c.name).join(', ')}`;
        case 'step-succeeded':
          return `step ${e.name}: ${e.logs.join('')}`;
        case 'run-started':
          return `run ${e.run}`;
        default:
          return e.type;
      }
    });
}

const output = (events: readonly JournalEvent[], run: number) =>
  events
    .filter((e) => e.type === 'run-output' && e.run === run)
    .map((e) => (e as { text: string }).text)
    .join('');

describe("run()'s own output (outside steps)", () => {
  it('is journaled with the run that printed it, in order with its replayed and executed calls', async () => {
    const wf: WorkflowBody = async ({ step, log }) => {
      log('before\n');
      await step.do('greet', (_ctx, hooks) => {
        hooks.log('inside the step\n');
        return 1;
      });
      log('between\n');
      await step.sleep('nap', '1 second');
      log('after\n');
      return 'ok';
    };
    const h = createHarness({ wf });
    const { id } = await h.engine.binding('wf').create();
    await h.runToIdle();
    expect(story(await h.journal(id))).toEqual([
      'run 1',
      '1| before\n',
      'step greet: inside the step\n',
      '1| between\n',
      'sleep-started',
      'run-evicted',
      'run 2',
      // Run 2 prints "before" again: its own print, not a copy of run 1's.
      '2| before\n',
      '↻ greet',
      '2| between\n',
      'sleep-finished',
      '2| after\n',
      'run-finished',
    ]);
    const view = await h.view(id);
    expect(view.runs.map((r) => r.output.map((o) => [o.text, o.afterReplayed, o.afterExecuted]))).toEqual([
      [
        ['before\n', 0, 0],
        ['between\n', 0, 1],
      ],
      [
        ['before\n', 0, 0],
        ['between\n', 1, 0],
        ['after\n', 1, 1],
      ],
    ]);
  });

  it(`keeps at most ${MAX_OUTPUT_BYTES} bytes per run, then one "[truncated N bytes]" line before the run's end`, async () => {
    const line = `${'x'.repeat(1023)}\n`;
    const wf: WorkflowBody = async ({ step, log }) => {
      for (let i = 0; i < 100; i++) log(line);
      await step.sleep('nap', '1 second');
      log('done\n');
    };
    const h = createHarness({ wf });
    const { id } = await h.engine.binding('wf').create();
    await h.runToIdle();
    const journal = await h.journal(id);
    expect(output(journal, 1)).toBe(`${line.repeat(64)}[truncated 36864 bytes]\n`);
    // The cap is per run: run 2 starts with a fresh 64 KiB; it also dropped its "done\n" (5 bytes).
    expect(output(journal, 2)).toBe(`${line.repeat(64)}[truncated 36869 bytes]\n`);
    const evicted = journal.findIndex((e) => e.type === 'run-evicted');
    expect(journal[evicted - 1]).toMatchObject({ type: 'run-output', text: '[truncated 36864 bytes]\n' });
    expect(journal.at(-1)?.type).toBe('run-finished');
  });

  it('is journaled before a terminate that ends the run while it is printing', async () => {
    let printed: () => void = () => {};
    const wf: WorkflowBody = async ({ step, log }) => {
      await step.do('one', () => 1);
      log('working\n');
      printed();
      await new Promise(() => {}); // busy outside the engine: nothing more is journaled by the run itself
    };
    const h = createHarness({ wf });
    const ready = new Promise<void>((resolve) => {
      printed = resolve;
    });
    const inst = await h.engine.binding('wf').create();
    await ready;
    await inst.terminate();
    expect(story(await h.journal(inst.id)).slice(-2)).toEqual(['1| working\n', 'terminated']);
  });

  it('from a run the engine lost is gone with it; the recovered run prints for itself, never a copy', async () => {
    let runs = 0;
    let printed: () => void = () => {};
    const wf: WorkflowBody = async ({ step, log }) => {
      runs += 1;
      log(`start of run ${runs}\n`);
      await step.do('one', () => 1);
      log('unjournaled\n');
      if (runs === 1) {
        printed();
        await new Promise(() => {}); // the crash comes before run 1 journals anything more
      }
      return 'ok';
    };
    const h = createHarness({ wf });
    const ready = new Promise<void>((resolve) => {
      printed = resolve;
    });
    const { id } = await h.engine.binding('wf').create();
    await ready;
    h.engine.dispose();
    const again = h.reopen();
    await again.engine.recover();
    await again.runToIdle();
    const journal = await again.journal(id);
    expect(output(journal, 1)).toBe('start of run 1\n');
    expect(output(journal, 2)).toBe('start of run 2\nunjournaled\n');
    const view = await again.view(id);
    expect(view.runs.map((r) => [r.end, r.output.map((o) => o.text).join('')])).toEqual([
      ['crashed', 'start of run 1\n'],
      ['finished', 'start of run 2\nunjournaled\n'],
    ]);
  });
});
