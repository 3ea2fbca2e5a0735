import { describe, expect, it } from 'vitest';
import branches from './__fixtures__/branches.py?raw';
import fanOut from './__fixtures__/fan-out.py?raw';
import legacy from './__fixtures__/legacy-depends.py?raw';
import multiClass from './__fixtures__/multi-class.py?raw';
import orderWorkflow from './__fixtures__/order-workflow.py?raw';
import { analyzeWorkflow } from './analyze-workflow.ts';
import { isPlanNodeId } from './ids.ts';
import { codes, edgeList, nodeById, only, py, rangeOf, workflow } from './test-utils.ts';

describe('plan graph', () => {
  it('order workflow: dependency edges by step name, order edges by await, config and ranges kept', () => {
    const plan = analyzeWorkflow(orderWorkflow);
    const wf = only(plan);
    expect(wf.nodes.map((n) => n.id)).toEqual([
      'do:fetch_order#1',
      'do:charge_card#1',
      'sleep:cool-off#1',
      'do:send_receipt#1',
    ]);
    expect(edgeList(wf)).toEqual([
      'dependency do:fetch_order#1->do:charge_card#1',
      'dependency do:charge_card#1->do:send_receipt#1',
      'order do:charge_card#1->sleep:cool-off#1',
      'order sleep:cool-off#1->do:send_receipt#1',
    ]);
    const charge = nodeById(wf, 'do:charge_card#1');
    expect(charge).toMatchObject({
      functionName: 'charge',
      line: 12,
      range: rangeOf(
        orderWorkflow,
        orderWorkflow.slice(orderWorkflow.indexOf('@step.do("charge_card"'), orderWorkflow.indexOf('ctx):') + 4),
      ),
      params: [
        { name: 'fetch_order', role: 'dependency', dependsOn: 'do:fetch_order#1' },
        { name: 'ctx', role: 'ctx' },
      ],
      config: {
        value: { retries: { limit: 3, delay: '2 seconds', backoff: 'exponential' }, timeout: '5 minutes' },
      },
    });
    expect(nodeById(wf, 'do:send_receipt#1')).toMatchObject({ isAsync: false });
    expect(nodeById(wf, 'sleep:cool-off#1')).toMatchObject({
      range: rangeOf(orderWorkflow, 'step.sleep("cool-off", "10 seconds")'),
      nameRange: rangeOf(orderWorkflow, '"cool-off"'),
    });
    expect(plan.diagnostics).toEqual([]);
  });

  it('fan-out: gather and wait groups, concurrent=True groups, loop steps with dynamic names and task lists', () => {
    const wf = only(analyzeWorkflow(fanOut));
    expect(wf.groups.map((g) => [g.id, g.kind, g.nodeIds])).toEqual([
      ['concurrent:do:quote#1', 'concurrent', ['do:price#1', 'do:stock#1']],
      ['gather:do:price#1+do:stock#1', 'gather', ['do:price#1', 'do:stock#1']],
      ['gather:do:f"ship-{item}"#1', 'gather', ['do:f"ship-{item}"#1']],
      ['wait:do:summarize#1+do:price#1', 'wait', ['do:summarize#1', 'do:price#1']],
    ]);
    expect(wf.groups[0]?.ownerId).toBe('do:quote#1');
    expect(nodeById(wf, 'do:quote#1')).toMatchObject({ concurrent: true, concurrencyGroups: [] });
    expect(nodeById(wf, 'do:stock#1').concurrencyGroups).toEqual([
      'concurrent:do:quote#1',
      'gather:do:price#1+do:stock#1',
    ]);
    expect(nodeById(wf, 'do:f"process-{item}"#1')).toMatchObject({
      name: 'f"process-{item}"',
      dynamicName: true,
      inLoop: true,
      inBranch: false,
      control: ['for'],
    });
    expect(edgeList(wf)).toContain('order do:list_items#1->do:price#1');
    expect(edgeList(wf)).toContain('order do:list_items#1->do:stock#1');
    expect(edgeList(wf)).toContain('order do:f"process-{item}"#1->do:f"ship-{item}"#1');
    expect(edgeList(wf)).toContain('order do:f"ship-{item}"#1->do:summarize#1');
    expect(edgeList(wf)).not.toContain('order do:f"ship-{item}"#1->do:price#1');
  });

  it('branches: if/else and try/except paths merge instead of chaining; while True exits only by break', () => {
    const wf = only(analyzeWorkflow(branches));
    expect(edgeList(wf).filter((e) => e.startsWith('order'))).toEqual([
      'order do:check#1->do:approve#1',
      'order do:check#1->do:reject#1',
      'order do:approve#1->wait_for_event:approval#1',
      'order do:reject#1->wait_for_event:approval#1',
      'order do:approve#1->sleep:backoff#1',
      'order do:reject#1->sleep:backoff#1',
      'order wait_for_event:approval#1->sleep:backoff#1',
      'order wait_for_event:approval#1->do:cleanup#1',
      'order sleep:backoff#1->do:cleanup#1',
      'order do:cleanup#1->sleep_until:tick#1',
      'order sleep_until:tick#1->do:notify#1',
    ]);
    expect(nodeById(wf, 'do:approve#1')).toMatchObject({ inBranch: true, inLoop: false, control: ['if'] });
    expect(nodeById(wf, 'wait_for_event:approval#1')).toMatchObject({
      inBranch: true,
      control: ['try'],
      timeout: { value: '1 hour' },
    });
    expect(nodeById(wf, 'do:cleanup#1')).toMatchObject({ inBranch: false, control: [] });
    expect(nodeById(wf, 'sleep_until:tick#1')).toMatchObject({ inLoop: true, control: ['while'] });
  });

  it('legacy depends: parameters map positionally onto the listed step functions', () => {
    const plan = analyzeWorkflow(legacy);
    const step3 = nodeById(only(plan), 'do:step_3#1');
    expect(step3).toMatchObject({
      depends: ['step_1', 'step_2'],
      concurrent: true,
      params: [
        { name: 'first', role: 'dependency', dependsOn: 'do:step_1#1' },
        { name: 'second', role: 'dependency', dependsOn: 'do:step_2#1' },
        { name: 'ctx', role: 'ctx' },
      ],
      concurrencyGroups: [],
    });
    expect(only(plan).groups.map((g) => g.id)).toEqual(['concurrent:do:step_3#1']);
    expect(codes(plan)).toEqual(['WS008']);
  });

  it('several classes: subclasses of in-file workflows, aliases and workers.WorkflowEntrypoint; others ignored', () => {
    const plan = analyzeWorkflow(multiClass);
    expect(plan.workflows.map((w) => [w.className, w.run?.stepParam ?? null, w.nodes.map((n) => n.id)])).toEqual([
      ['Base', null, []],
      ['Child', 'step', ['sleep:child-nap#1']],
      ['Other', 's', ['do:only#1']],
    ]);
    expect(plan.workflows[2]?.run?.eventParam).toBe('evt');
    expect(plan.diagnostics).toEqual([]);
  });

  it('ids come from names and occurrences, so inserting lines above keeps them', () => {
    const body = py`
      @step.do("a")
      async def a():
          return 1
      await a()
      await step.sleep("nap", "1 hour")
      await step.sleep("nap", "2 hours")
    `;
    const before = only(analyzeWorkflow(workflow(body)));
    const after = only(analyzeWorkflow(workflow(`x = 1\n# a comment\n\n${body}`)));
    expect(after.nodes.map((n) => n.id)).toEqual(before.nodes.map((n) => n.id));
    expect(before.nodes.map((n) => n.id)).toEqual(['do:a#1', 'sleep:nap#1', 'sleep:nap#2']);
    expect(after.nodes.map((n) => n.line)).toEqual(before.nodes.map((n) => n.line + 3));
    expect(before.nodes.every((n) => isPlanNodeId(n.id))).toBe(true);
  });

  it('awaits inside conditions, match cases, nested helpers and stored coroutines are ordered', () => {
    const source = workflow(py`
      @step.do()
      async def probe():
          return 1

      @step.do()
      async def left():
          return 1

      @step.do()
      async def right():
          return 2

      @step.do()
      async def last():
          return 3

      if await probe():
          pending = left()
          await pending
      match event["payload"]:
          case {"side": "right"}:
              await right()
          case _:
              pass
      await last()
    `);
    const wf = only(analyzeWorkflow(source));
    expect(edgeList(wf)).toEqual([
      'order do:probe#1->do:left#1',
      'order do:left#1->do:right#1',
      'order do:probe#1->do:right#1',
      'order do:left#1->do:last#1',
      'order do:probe#1->do:last#1',
      'order do:right#1->do:last#1',
    ]);
    expect(nodeById(wf, 'do:right#1')).toMatchObject({ inBranch: true, control: ['match'] });
    expect(wf.calls.find((c) => c.nodeId === 'do:left#1')).toMatchObject({ awaited: true, inBranch: true });
  });

  it('a step called twice stays one node with two calls and no backward order edge', () => {
    const source = workflow(py`
      @step.do()
      async def ping():
          return 1

      await ping()
      await step.sleep("gap", "1 minute")
      await ping()
    `);
    const wf = only(analyzeWorkflow(source));
    expect(wf.calls.map((c) => c.nodeId)).toEqual(['do:ping#1', 'sleep:gap#1', 'do:ping#1']);
    expect(edgeList(wf)).toEqual(['order do:ping#1->sleep:gap#1']);
  });

  it('decorator forms: positional, keyword and None names, non-literal config kept as text', () => {
    const source = workflow(py`
      CONFIG = {"timeout": "1 minute"}

      @step.do("positional")
      async def a():
          return 1

      @step.do(name="keyword", config=CONFIG)
      async def b():
          return 2

      @step.do(None, concurrent=False)
      async def c():
          await step.sleep("inside-a-step", "1 second")
          return 3

      await a()
      await b()
      await c()
    `);
    const plan = analyzeWorkflow(source);
    const wf = only(plan);
    expect(wf.nodes.map((n) => [n.id, n.kind === 'do' ? n.functionName : '', n.nameRange !== undefined])).toEqual([
      ['do:positional#1', 'a', true],
      ['do:keyword#1', 'b', true],
      ['do:c#1', 'c', false],
    ]);
    expect(nodeById(wf, 'do:keyword#1')).toMatchObject({ config: { text: 'CONFIG' } });
    expect(nodeById(wf, 'do:keyword#1')).not.toHaveProperty('config.value');
    expect(plan.diagnostics).toEqual([]);
  });
});
