/**
 * Numbers in durations are milliseconds on Cloudflare's runtime (the Python SDK passes them to the JS engine),
 * though the Python docs say seconds: every numeric duration is flagged (WS011) with a quick fix to the string
 * that means the same, and a `sleep_until` number that looks like epoch seconds is flagged (WS012).
 */
import { describe, expect, it } from 'vitest';
import { durationStringOf, parseDuration } from '../engine/duration-text.ts';
import { analyzeWorkflow } from './analyze-workflow.ts';
import { workflow } from './test-utils.ts';

const STEP = (config: string) => `@step.do(config=${config})\nasync def a():\n    return 1\nawait a()`;

/** The source with every quick fix applied (from the end, so earlier offsets stay put). */
function applyFixes(source: string): string {
  const fixes = analyzeWorkflow(source)
    .diagnostics.filter((d) => d.fix !== undefined)
    .sort((x, y) => y.range.from - x.range.from);
  let out = source;
  for (const d of fixes) out = out.slice(0, d.range.from) + (d.fix?.text ?? '') + out.slice(d.range.to);
  return out;
}

const flagged = (source: string, code: string) =>
  analyzeWorkflow(source)
    .diagnostics.filter((d) => d.code === code)
    .map((d) => ({ text: source.slice(d.range.from, d.range.to), fix: d.fix, message: d.message }));

describe('numeric durations', () => {
  it.each([
    [5000, '5 seconds'],
    [1, '0.001 seconds'],
    [3, '0.003 seconds'],
    [1000, '1 second'],
    [1500, '1.5 seconds'],
    [90_000, '90 seconds'],
    [120_000, '2 minutes'],
    [7_200_000, '2 hours'],
    [86_400_000, '1 day'],
    [0.5, '0.0005 seconds'],
  ])('%d ms is written %j, which parses back to the same milliseconds', (ms, text) => {
    expect(durationStringOf(ms)).toBe(text);
    const parsed = parseDuration(text);
    expect(parsed.ok && parsed.ms).toBe(ms);
  });

  it('suggests "5 seconds" for a config delay of 5000, never "5000 seconds"', () => {
    const source = workflow(STEP('{"retries": {"limit": 3, "delay": 5000}, "timeout": 120000}'));
    expect(flagged(source, 'WS011')).toEqual([
      {
        text: '5000',
        fix: { title: 'Write "5 seconds"', text: '"5 seconds"' },
        message:
          'Numeric duration 5000 is read as 5000 milliseconds, as Cloudflare\'s runtime does (the Python docs say seconds). Write "5 seconds" to say so, or a string in the unit you meant.',
      },
      expect.objectContaining({ text: '120000', fix: { title: 'Write "2 minutes"', text: '"2 minutes"' } }),
    ]);
  });

  it('flags sleep and wait_for_event timeouts, and the fixed source has no numeric duration left', () => {
    const source = workflow(
      'await step.sleep("nap", 3)\nawait step.wait_for_event("w", "go", timeout=60000)\nawait step.sleep("zero", 0)',
    );
    expect(flagged(source, 'WS011').map((f) => [f.text, f.fix?.text])).toEqual([
      ['3', '"0.003 seconds"'],
      ['60000', '"1 minute"'],
    ]);
    const fixed = applyFixes(source);
    expect(fixed).toContain('step.sleep("nap", "0.003 seconds")');
    expect(fixed).toContain('timeout="1 minute"');
    expect(analyzeWorkflow(fixed).diagnostics.filter((d) => d.code === 'WS011')).toEqual([]);
  });

  it('flags a sleep_until number below 1e11 as epoch seconds, and leaves epoch milliseconds alone', () => {
    const source = workflow('await step.sleep_until("a", 1700000000)\nawait step.sleep_until("b", 1700000000000)');
    expect(flagged(source, 'WS012').map((f) => [f.text, f.fix])).toEqual([
      ['1700000000', { title: 'Read it as epoch seconds: 1700000000 * 1000', text: '1700000000 * 1000' }],
    ]);
  });
});
