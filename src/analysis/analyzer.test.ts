import { describe, expect, it } from 'vitest';
import { bigWorkflow } from './__fixtures__/big-workflow.ts';
import orderWorkflow from './__fixtures__/order-workflow.py?raw';
import { analyzeWorkflow } from './analyze-workflow.ts';
import { createWorkflowAnalyzer } from './analyzer.ts';
import { nodeById, only } from './test-utils.ts';

describe('createWorkflowAnalyzer()', () => {
  it('returns the very same plan for an unchanged source', () => {
    const analyzer = createWorkflowAnalyzer();
    const first = analyzer.analyze(orderWorkflow);
    expect(analyzer.analyze(orderWorkflow)).toBe(first);
  });

  it('gives the same result as a fresh analysis after a series of edits', () => {
    const analyzer = createWorkflowAnalyzer();
    let source = orderWorkflow;
    analyzer.analyze(source);
    const edits: [string, string][] = [
      ['"cool-off"', '"cool-down"'],
      ['"10 seconds"', '"10 secs"'],
      ['return await send_receipt()', 'send_receipt()'],
      ['send_receipt()', 'await send_receipt()'],
    ];
    for (const [from, to] of edits) {
      source = source.replace(from, to);
      expect(analyzer.analyze(source)).toEqual(analyzeWorkflow(source));
    }
  });

  it('keeps the objects of unchanged nodes and edges when a later line changes', () => {
    const analyzer = createWorkflowAnalyzer();
    const before = only(analyzer.analyze(orderWorkflow));
    const after = only(analyzer.analyze(orderWorkflow.replace('"10 seconds"', '"20 seconds"')));
    expect(nodeById(after, 'do:fetch_order#1')).toBe(nodeById(before, 'do:fetch_order#1'));
    expect(nodeById(after, 'do:charge_card#1')).toBe(nodeById(before, 'do:charge_card#1'));
    expect(nodeById(after, 'sleep:cool-off#1')).not.toBe(nodeById(before, 'sleep:cool-off#1'));
    expect(after.edges).toBe(before.edges);
  });

  it('keeps node ids while lines are inserted above (nodes move, the graph does not jump)', () => {
    const analyzer = createWorkflowAnalyzer();
    const ids = only(analyzer.analyze(orderWorkflow)).nodes.map((n) => n.id);
    const shifted = orderWorkflow.replace('        order_id =', '        # note\n\n        order_id =');
    const after = only(analyzer.analyze(shifted));
    expect(after.nodes.map((n) => n.id)).toEqual(ids);
    expect(nodeById(after, 'do:fetch_order#1').line).toBe(10);
  });

  it('dispose() forgets the cached parse and is safe twice', () => {
    const analyzer = createWorkflowAnalyzer();
    const plan = analyzer.analyze(orderWorkflow);
    analyzer.dispose();
    analyzer.dispose();
    const again = analyzer.analyze(orderWorkflow);
    expect(again).not.toBe(plan);
    expect(again).toEqual(plan);
  });
});

describe('a 500-step source', () => {
  const source = bigWorkflow(500);

  it('yields 520 nodes, 499 dependency edges and no diagnostics', () => {
    const wf = only(analyzeWorkflow(source));
    expect(wf.nodes).toHaveLength(520);
    expect(wf.edges.filter((e) => e.kind === 'dependency')).toHaveLength(499);
    expect(analyzeWorkflow(source).diagnostics).toEqual([]);
  });

  it('re-analyses keystrokes in the middle incrementally to the same plan as a fresh analysis', () => {
    const analyzer = createWorkflowAnalyzer();
    analyzer.analyze(source);
    let edited = source;
    for (let i = 0; i < 3; i++) {
      const at = edited.indexOf('"s250"');
      edited = `${edited.slice(0, at + 2)}x${edited.slice(at + 2)}`;
      expect(analyzer.analyze(edited)).toEqual(analyzeWorkflow(edited));
    }
  });
});
