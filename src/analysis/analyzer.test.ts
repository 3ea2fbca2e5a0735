import { describe, expect, it } from 'vitest';
import orderWorkflow from './__fixtures__/order-workflow.py?raw';
import { analyzeWorkflow } from './analyze-workflow.ts';
import { createWorkflowAnalyzer } from './analyzer.ts';
import { nodeById, only } from './test-utils.ts';

/** A workflow with `steps` chained steps, a third of them behind an `if`, and a sleep and a wait every 50. */
function bigWorkflow(steps: number): string {
  let s =
    'from workers import WorkflowEntrypoint\n\n\nclass Big(WorkflowEntrypoint):\n    async def run(self, event, step):\n';
  for (let i = 0; i < steps; i++) {
    const config = `config={"retries": {"limit": 3, "delay": "${i} seconds", "backoff": "linear"}, "timeout": "5 minutes"}`;
    s += `        @step.do("s${i}", ${config})\n`;
    s += `        async def s${i}(${i > 0 ? `s${i - 1}, ` : ''}ctx):\n`;
    s += `            x = ${i} * 2\n            return {"i": x, "attempt": ctx["attempt"]}\n\n`;
    s +=
      i % 3 === 0 ? `        if event["payload"].get("flag"):\n            await s${i}()\n` : `        await s${i}()\n`;
    if (i % 50 === 0) {
      s += `        await step.sleep("nap-${i}", "1 hour")\n`;
      s += `        await step.wait_for_event("evt-${i}", "go", timeout="2 hours")\n`;
    }
  }
  return s;
}

/** The fastest of several runs: the estimate least disturbed by other processes on a shared machine. */
const fastest = (xs: number[]) => Math.min(...xs);

/**
 * CPU milliseconds `run` takes in this process: unlike wall time it does not grow when other test files or
 * other processes compete for the cores, so the budget below does not flake on a busy machine.
 */
function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

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

describe('performance', () => {
  const source = bigWorkflow(500);

  it('analyses a 500-step source (parse + analysis) well under 100 ms', () => {
    for (let i = 0; i < 3; i++) analyzeWorkflow(source);
    const times: number[] = [];
    let plan = analyzeWorkflow(source);
    for (let i = 0; i < 7; i++) {
      times.push(
        cpuMs(() => {
          plan = analyzeWorkflow(source);
        }),
      );
    }
    const wf = only(plan);
    expect(wf.nodes).toHaveLength(520);
    expect(wf.edges.filter((e) => e.kind === 'dependency')).toHaveLength(499);
    expect(plan.diagnostics).toEqual([]);
    expect(fastest(times)).toBeLessThan(100);
  });

  it('re-analyses one keystroke in the middle of a 500-step source incrementally', () => {
    const analyzer = createWorkflowAnalyzer();
    analyzer.analyze(source);
    const times: number[] = [];
    let edited = source;
    for (let i = 0; i < 5; i++) {
      const at = edited.indexOf('"s250"');
      edited = `${edited.slice(0, at + 2)}x${edited.slice(at + 2)}`;
      times.push(cpuMs(() => analyzer.analyze(edited)));
    }
    expect(fastest(times)).toBeLessThan(50);
  });
});
