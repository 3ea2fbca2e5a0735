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

  it('every prefix of a real workflow analyses without throwing and yields well-formed ids', () => {
    for (let end = 0; end <= orderWorkflow.length; end += 7) {
      const plan = analyzeWorkflow(orderWorkflow.slice(0, end));
      for (const wf of plan.workflows) for (const n of wf.nodes) expect(isPlanNodeId(n.id)).toBe(true);
    }
  });

  it('typing a new line below keeps the ids of the steps above', () => {
    const full = only(analyzeWorkflow(orderWorkflow)).nodes.map((n) => n.id);
    const typing = `${orderWorkflow.trimEnd()}\n        await step.sleep("aft`;
    const ids = only(analyzeWorkflow(typing)).nodes.map((n) => n.id);
    expect(ids.slice(0, full.length)).toEqual(full);
  });

  it('random deletions never make the analysis throw', () => {
    fc.assert(
      fc.property(fc.nat(fanOut.length), fc.nat(40), (from, length) => {
        const edited = fanOut.slice(0, from) + fanOut.slice(from + length);
        const plan = analyzeWorkflow(edited);
        expect(Array.isArray(plan.diagnostics)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('empty and non-Python input give WS001 and nothing else', () => {
    expect(codes(analyzeWorkflow(''))).toEqual(['WS001']);
    expect(analyzeWorkflow('').diagnostics[0]?.range).toMatchObject({ startLine: 1, startColumn: 1, endColumn: 1 });
    expect(codes(analyzeWorkflow('{"not": "python"}'))).toContain('WS001');
  });
});
