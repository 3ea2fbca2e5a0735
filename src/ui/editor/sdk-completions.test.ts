import { describe, expect, it } from 'vitest';
import { openBracePrefix, suggest } from './sdk-completions';
import { hoverAt } from './sdk-hover';

const INFO = { stepParams: ['step'], eventParams: ['event'], stepNames: ['fetch_order', 'charge-card', 'send'] };
const labels = (text: string) => suggest(text, INFO).map((s) => s.label);

describe('suggest()', () => {
  it('offers the step methods after `step.` with their signatures, as snippets', () => {
    const items = suggest('        await step.sl', INFO);
    expect(items.map((i) => i.label)).toEqual(['do', 'sleep', 'sleep_until', 'wait_for_event']);
    expect(items[1]).toMatchObject({ replace: 2, snippet: true, detail: 'step.sleep(name, duration)' });
    expect(items[1]!.insertText).toBe(`sleep("$${'{'}1:name}", "$${'{'}2:10 seconds}")`);
  });

  it('uses the name run() gives its step parameter', () => {
    expect(suggest('        await s.', { ...INFO, stepParams: ['s'] }).map((i) => i.label)).toContain('wait_for_event');
    expect(labels('        await s.')).toEqual([]);
  });

  it('offers event and ctx keys inside their subscripts', () => {
    expect(labels('        x = event["')).toEqual(['payload', 'timestamp', 'instanceId', 'workflowName']);
    expect(labels("        x = event.get('pay")).toContain('payload');
    expect(labels('            a = ctx["')).toEqual(['step', 'attempt', 'config']);
    expect(labels('            a = ctx["step"]["')).toEqual(['name', 'count']);
  });

  it('offers config keys in a config= dict and retry keys in its "retries" dict', () => {
    expect(labels('        @step.do(config={')).toEqual(['"retries"', '"timeout"']);
    expect(labels('        @step.do(config={"retries": {"limit": 3, ')).toEqual(['"limit"', '"delay"', '"backoff"']);
    const quoted = suggest('        @step.do(config={"ti', INFO);
    expect(quoted.find((s) => s.label === '"timeout"')).toMatchObject({
      insertText: 'timeout',
      replace: 2,
      snippet: false,
    });
  });

  it('offers backoff values and duration strings where they go', () => {
    expect(labels('    {"retries": {"limit": 1, "delay": 1, "backoff": "')).toEqual([
      'exponential',
      'linear',
      'constant',
    ]);
    expect(labels('        await step.sleep("nap", "')).toContain('10 seconds');
    expect(labels('        await step.wait_for_event("w", "t", timeout="')).toContain('24 hours');
    expect(labels('    {"retries": {"limit": 1, "delay": "1')).toContain('1 minute');
  });

  it('offers earlier step names and ctx as parameters of a @step.do function', () => {
    const text = '        @step.do(concurrent=True)\n        async def send(fet';
    const items = suggest(text, INFO);
    expect(items.map((i) => i.label)).toEqual(['ctx', 'fetch_order']);
    expect(items[1]).toMatchObject({ replace: 3, detail: 'dependency' });
  });

  it('offers nothing in plain code, or for a def that is not a step', () => {
    expect(labels('        x = 1 + ')).toEqual([]);
    expect(labels('    def helper(')).toEqual([]);
  });
});

describe('openBracePrefix()', () => {
  it('finds the innermost open brace, skipping braces inside strings and comments', () => {
    expect(openBracePrefix('config={"a": "{", # {\n "b": {')?.endsWith('"b": ')).toBe(true);
    expect(openBracePrefix('x = {"a": 1}')).toBeNull();
  });
});

describe('hoverAt()', () => {
  it('documents step methods only after the step parameter', () => {
    const line = '        await step.wait_for_event("a", "b")';
    expect(hoverAt(line, line.indexOf('wait_for') + 3, ['step'])?.markdown).toContain(
      'step.wait_for_event(name, event_type',
    );
    expect(hoverAt('        x.sleep(1)', 12, ['step'])).toBeNull();
  });

  it('documents SDK classes and the keys of event, ctx and config', () => {
    expect(hoverAt('class W(WorkflowEntrypoint):', 12, ['step'])?.markdown).toContain('async def run');
    const ev = '        p = event["payload"]';
    expect(hoverAt(ev, ev.indexOf('payload') + 2, ['step'])).toMatchObject({
      startColumn: ev.indexOf('payload') + 1,
      endColumn: ev.indexOf('payload') + 8,
    });
    const ctx = '        a = ctx["attempt"]';
    expect(hoverAt(ctx, ctx.indexOf('attempt') + 1, ['step'])?.markdown).toContain('attempt number');
    const cfg = 'R = {"retries": {"limit": 3, "delay": "1 second"}}';
    expect(hoverAt(cfg, cfg.indexOf('limit') + 1, ['step'])?.markdown).toContain('limit + 1');
  });
});
