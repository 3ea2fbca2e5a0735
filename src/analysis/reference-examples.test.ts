/** The code examples of Cloudflare's Python Workflows API reference page, line breaks restored. */
import { describe, expect, it } from 'vitest';
import binding from './__fixtures__/ref-binding.py?raw';
import config from './__fixtures__/ref-config.py?raw';
import ctxExample from './__fixtures__/ref-ctx.py?raw';
import entrypoint from './__fixtures__/ref-entrypoint.py?raw';
import errorHandling from './__fixtures__/ref-error-handling.py?raw';
import firstStep from './__fixtures__/ref-first-step.py?raw';
import nonRetryable from './__fixtures__/ref-non-retryable.py?raw';
import sleep from './__fixtures__/ref-sleep.py?raw';
import sleepUntil from './__fixtures__/ref-sleep-until.py?raw';
import waitForEvent from './__fixtures__/ref-wait-for-event.py?raw';
import { analyzeWorkflow } from './analyze-workflow.ts';
import { codes, edgeList, nodeById, only, rangeOf, workflow } from './test-utils.ts';

describe('reference page examples', () => {
  it('WorkflowEntrypoint skeleton: finds the class and run() although the body is only a comment', () => {
    const plan = analyzeWorkflow(entrypoint);
    const wf = only(plan);
    expect(wf.className).toBe('MyWorkflow');
    expect(wf.run).toMatchObject({ isAsync: true, eventParam: 'event', stepParam: 'step' });
    expect(wf.nodes).toEqual([]);
    expect(codes(plan)).toEqual(['WS000']);
  });

  it('my_first_step: one do node named after the function, called once, awaited', () => {
    const plan = analyzeWorkflow(firstStep);
    const wf = only(plan);
    expect(wf.nodes).toHaveLength(1);
    expect(nodeById(wf, 'do:my_first_step#1')).toMatchObject({
      kind: 'do',
      name: 'my_first_step',
      dynamicName: false,
      functionName: 'my_first_step',
      line: 4,
      params: [],
      inLoop: false,
      inBranch: false,
    });
    expect(wf.calls).toEqual([
      expect.objectContaining({ nodeId: 'do:my_first_step#1', awaited: true, indirect: false }),
    ]);
    expect(plan.diagnostics).toEqual([]);
  });

  it.each([
    ['step.sleep', sleep],
    ['step.sleep_until', sleepUntil],
    ['step.wait_for_event', waitForEvent],
    ['error handling', errorHandling],
    ['NonRetryableError', nonRetryable],
    ['binding', binding],
  ])('%s snippet without a workflow class reports WS001 only', (_, source) => {
    const plan = analyzeWorkflow(source);
    expect(plan.workflows).toEqual([]);
    expect(codes(plan)).toEqual(['WS001']);
    expect(plan.diagnostics[0]?.range).toMatchObject({ startLine: 1, startColumn: 1, endLine: 1 });
  });

  it('the sleep, sleep_until and wait snippets inside a class give one node each', () => {
    const body = (snippet: string) =>
      snippet
        .split('\n')
        .slice(snippet.startsWith('import') ? 2 : 1)
        .join('\n');
    const source = workflow([sleep, sleepUntil, waitForEvent].map(body).join('\n').replace(/^ {4}/gm, ''));
    const plan = analyzeWorkflow(source);
    const wf = only(plan);
    expect(wf.nodes.map((n) => n.id)).toEqual([
      'sleep:my-sleep-step#1',
      'sleep_until:my-sleep-step#1',
      'wait_for_event:my-wait-for-event-step#1',
    ]);
    expect(nodeById(wf, 'sleep:my-sleep-step#1')).toMatchObject({
      duration: { text: '"10 seconds"', value: '10 seconds' },
    });
    expect(nodeById(wf, 'sleep_until:my-sleep-step#1')).toMatchObject({
      timestamp: { text: 'datetime.datetime.now() + datetime.timedelta(seconds=10)' },
    });
    expect(nodeById(wf, 'wait_for_event:my-wait-for-event-step#1')).toMatchObject({
      eventType: { value: 'my-event-type' },
    });
    expect(edgeList(wf)).toEqual([
      'order sleep:my-sleep-step#1->sleep_until:my-sleep-step#1',
      'order sleep_until:my-sleep-step#1->wait_for_event:my-wait-for-event-step#1',
    ]);
    expect(plan.diagnostics).toEqual([]);
  });

  it('error handling inside a class: a step passed to an awaited helper counts as an indirect call', () => {
    const source = workflow(errorHandling.split('\n').slice(1).join('\n').replace(/^ {4}/gm, ''));
    const plan = analyzeWorkflow(source);
    const wf = only(plan);
    expect(wf.nodes.map((n) => n.id)).toEqual(['do:my_failing#1']);
    expect(wf.calls).toEqual([
      {
        nodeId: 'do:my_failing#1',
        range: expect.objectContaining(rangeOf(source, 'my_failing', 5)),
        awaited: true,
        indirect: true,
        inLoop: false,
        inBranch: false,
      },
    ]);
    expect(plan.diagnostics).toEqual([]);
  });

  it('config example: keeps the config literal and warns that the step is never called', () => {
    const plan = analyzeWorkflow(config);
    const node = nodeById(only(plan), 'do:step-name#1');
    expect(node).toMatchObject({
      name: 'step-name',
      functionName: 'first_step',
      nameRange: rangeOf(config, "'step-name'"),
      config: {
        text: '{"retries": {"limit": 1, "delay": "10 seconds"}}',
        value: { retries: { limit: 1, delay: '10 seconds' } },
      },
    });
    expect(plan.diagnostics).toEqual([
      {
        code: 'WS090',
        severity: 'warning',
        message: 'Step "step-name" is declared but never called or used as a dependency, so it never runs.',
        range: expect.objectContaining(rangeOf(config, 'first_step')),
      },
    ]);
  });

  it('ctx example: the ctx parameter is the step context, not a dependency', () => {
    const plan = analyzeWorkflow(ctxExample);
    const node = nodeById(only(plan), 'do:read_context#1');
    expect(node).toMatchObject({ params: [{ name: 'ctx', role: 'ctx' }] });
    expect(plan.diagnostics).toEqual([]);
  });
});
