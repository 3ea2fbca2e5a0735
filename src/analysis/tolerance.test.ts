/** Half-typed code and syntax errors: the analysis keeps going and keeps what it can. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import fanOut from './__fixtures__/fan-out.py?raw';
import halfTyped from './__fixtures__/half-typed.py?raw';
import orderWorkflow from './__fixtures__/order-workflow.py?raw';
import midFileError from './__fixtures__/syntax-error-mid-file.py?raw';
import { analyzeWorkflow } from './analyze-workflow.ts';
import { isPlanNodeId } from './ids.ts';
import { codes, edgeList, nodeById, only, py, workflow } from './test-utils.ts';
import type { SourceRange, WorkflowPlan } from './types.ts';

/** Every range in `value` (any object with from/to/startLine…), found by walking it. */
function rangesIn(value: unknown, out: SourceRange[] = []): SourceRange[] {
  if (typeof value !== 'object' || value === null) return out;
  if ('from' in value && 'to' in value && 'startLine' in value) out.push(value as SourceRange);
  for (const v of Object.values(value)) rangesIn(v, out);
  return out;
}

/**
 * What any plan must satisfy, whatever the source: node ids well formed and unique; edges, groups and calls
 * naming existing nodes; every range inside the source, its lines and columns matching its offsets.
 */
function planProblems(source: string, plan: WorkflowPlan): string[] {
  const problems: string[] = [];
  for (const wf of plan.workflows) {
    const ids = new Set(wf.nodes.map((n) => n.id));
    if (ids.size !== wf.nodes.length) problems.push(`${wf.className}: duplicate node ids`);
    for (const n of wf.nodes) if (!isPlanNodeId(n.id)) problems.push(`malformed node id ${n.id}`);
    for (const e of wf.edges) {
      if (!ids.has(e.from) || !ids.has(e.to)) problems.push(`edge ${e.id} names a missing node`);
    }
    if (new Set(wf.edges.map((e) => e.id)).size !== wf.edges.length) problems.push(`${wf.className}: duplicate edges`);
    for (const g of wf.groups) for (const id of g.nodeIds) if (!ids.has(id)) problems.push(`group ${g.id} names ${id}`);
    for (const c of wf.calls) if (!ids.has(c.nodeId)) problems.push(`a call names missing node ${c.nodeId}`);
  }
  const lines = source.split('\n');
  const position = (offset: number) => {
    const before = source.slice(0, offset).split('\n');
    return { line: before.length, column: (before.at(-1) as string).length + 1 };
  };
  for (const r of rangesIn(plan)) {
    if (!(r.from >= 0 && r.from <= r.to && r.to <= source.length)) {
      problems.push(`range ${r.from}..${r.to} outside 0..${source.length}`);
      continue;
    }
    const start = position(r.from);
    const end = position(r.to);
    if (
      r.startLine !== start.line ||
      r.startColumn !== start.column ||
      r.endLine !== end.line ||
      r.endColumn !== end.column
    ) {
      problems.push(`range ${r.from}..${r.to} says ${r.startLine}:${r.startColumn}-${r.endLine}:${r.endColumn}`);
    }
    if (r.endLine > lines.length) problems.push(`range ${r.from}..${r.to} ends past the last line`);
  }
  return problems;
}

describe('tolerance', () => {
  it('half-typed code: steps whose decorator an unfinished line swallowed are recovered', () => {
    const plan = analyzeWorkflow(halfTyped);
    const wf = only(plan);
    expect(wf.nodes.map((n) => n.id)).toEqual([
      'do:one#1',
      'do:two#1',
      'sleep:nap#1',
      'do:three#1',
      'wait_for_event:w#1',
    ]);
    expect(nodeById(wf, 'do:two#1')).toMatchObject({ recovered: true, params: [{ name: 'one', role: 'dependency' }] });
    expect(nodeById(wf, 'do:three#1')).toMatchObject({ recovered: true, line: 12 });
    expect(nodeById(wf, 'wait_for_event:w#1')).toMatchObject({ inLoop: true, timeout: { value: '1 hour' } });
    expect(edgeList(wf)).toContain('dependency do:two#1->do:three#1');
    expect(plan.syntaxErrors).toBeGreaterThan(0);
    expect(new Set(codes(plan))).toEqual(new Set(['WS000']));
  });

  it('a syntax error mid-file keeps the steps after it and their edges', () => {
    const plan = analyzeWorkflow(midFileError);
    const wf = only(plan);
    expect(wf.nodes.map((n) => n.id)).toEqual(['do:first#1', 'sleep:pause#1', 'do:second#1']);
    expect(edgeList(wf)).toEqual([
      'dependency do:first#1->do:second#1',
      'order do:first#1->sleep:pause#1',
      'order sleep:pause#1->do:second#1',
    ]);
    expect(codes(plan)).toEqual(['WS000']);
    expect(plan.diagnostics[0]?.range.startLine).toBe(11);
  });

  it('an unterminated duration string is not judged while it is being typed', () => {
    const plan = analyzeWorkflow(workflow('await step.sleep("nap", "10 sec'));
    expect(codes(plan)).not.toContain('WS010');
    expect(only(plan).nodes.map((n) => n.id)).toEqual(['sleep:nap#1']);
  });

  it('an unfinished decorator call above a finished function still yields its config', () => {
    const source = workflow(py`
      @step.do("charge", config={"retries": {"limit": 2, "delay": "1 second"}}
      async def charge():
          return 1
      await charge()
    `);
    const wf = only(analyzeWorkflow(source));
    expect(nodeById(wf, 'do:charge#1')).toMatchObject({
      config: { value: { retries: { limit: 2, delay: '1 second' } } },
    });
  });

  it('every prefix of a real workflow analyses without throwing into a well-formed plan', () => {
    for (let end = 0; end <= orderWorkflow.length; end += 7) {
      const source = orderWorkflow.slice(0, end);
      expect(planProblems(source, analyzeWorkflow(source)), `prefix of ${end} characters`).toEqual([]);
    }
    const whole = analyzeWorkflow(orderWorkflow);
    expect(only(whole).nodes.length).toBeGreaterThan(3);
    expect(rangesIn(whole).length).toBeGreaterThan(10);
  });

  it('typing a new line below keeps the ids of the steps above', () => {
    const full = only(analyzeWorkflow(orderWorkflow)).nodes.map((n) => n.id);
    const typing = `${orderWorkflow.trimEnd()}\n        await step.sleep("aft`;
    const ids = only(analyzeWorkflow(typing)).nodes.map((n) => n.id);
    expect(ids.slice(0, full.length)).toEqual(full);
  });

  it('random deletions never make the analysis throw, and always give a well-formed plan', () => {
    fc.assert(
      fc.property(fc.nat(fanOut.length), fc.nat(40), (from, length) => {
        const edited = fanOut.slice(0, from) + fanOut.slice(from + length);
        expect(planProblems(edited, analyzeWorkflow(edited))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('finds what is wrong with a broken plan (the checker itself)', () => {
    const source = workflow(
      `${py`
      @step.do()
      async def a():
          return 1
      await a()
    `}`,
    );
    const plan = analyzeWorkflow(source);
    expect(planProblems(source, plan)).toEqual([]);
    const wf = only(plan);
    const node = wf.nodes[0] as (typeof wf.nodes)[number];
    const broken: WorkflowPlan = {
      ...plan,
      workflows: [
        {
          ...wf,
          edges: [{ id: 'e', kind: 'order', from: node.id, to: 'do:ghost#1' as typeof node.id }],
          nodes: [{ ...node, range: { ...node.range, startLine: node.range.startLine + 1 } }],
        },
      ],
    };
    expect(planProblems(source, broken)).toEqual([
      'edge e names a missing node',
      expect.stringMatching(/^range \d+\.\.\d+ says /),
    ]);
  });

  it('empty and non-Python input give WS001 and nothing else', () => {
    expect(codes(analyzeWorkflow(''))).toEqual(['WS001']);
    expect(analyzeWorkflow('').diagnostics[0]?.range).toMatchObject({ startLine: 1, startColumn: 1, endColumn: 1 });
    expect(codes(analyzeWorkflow('{"not": "python"}'))).toContain('WS001');
  });
});
