import { describe, expect, it } from 'vitest';
import type { StepSucceededEvent } from './journal';
import { createOutputCap, MAX_OUTPUT_BYTES } from './output-cap';
import { createHarness } from './test-harness';

describe('createOutputCap', () => {
  it('keeps output up to the limit and counts the rest', () => {
    const cap = createOutputCap(10);
    expect(cap.add('hello\n')).toBe('hello\n');
    expect(cap.add('world!\n')).toBe('worl');
    expect(cap.add('more\n')).toBe('');
    expect(cap.dropped).toBe(3 + 5);
    expect(cap.marker()).toBe('\n[truncated 8 bytes]\n');
  });

  it('counts UTF-8 bytes and never splits a character', () => {
    const cap = createOutputCap(5);
    expect(cap.add('ab€😀')).toBe('ab€');
    expect(cap.dropped).toBe(4);
  });

  it('has no marker while nothing was dropped', () => {
    const cap = createOutputCap(10);
    cap.add('0123456789');
    expect(cap.marker()).toBeUndefined();
  });
});

describe('output of a step attempt', () => {
  it(`journals at most ${MAX_OUTPUT_BYTES} bytes per attempt, then one "[truncated N bytes]" line`, async () => {
    const line = `${'x'.repeat(1023)}\n`;
    const h = createHarness({
      wf: async ({ step }) =>
        step.do('chatty', (_ctx, hooks) => {
          for (let i = 0; i < 100; i++) hooks.log(line);
          return 'done';
        }),
    });
    const inst = await h.engine.binding('wf').create();
    await h.runToIdle();
    const succeeded = (await h.journal(inst.id)).find((e): e is StepSucceededEvent => e.type === 'step-succeeded');
    const logs = succeeded?.logs ?? [];
    expect(logs).toHaveLength(65);
    expect(logs.slice(0, 64).join('')).toBe(line.repeat(64));
    expect(logs[64]).toBe('[truncated 36864 bytes]\n');
    expect(await inst.status()).toEqual({ status: 'complete', output: 'done', error: null });
  });
});
