import { describe, expect, it } from 'vitest';
import { analyzeWorkflow } from '../../analysis';
import { generateWorkflowSource } from './generate-source';

describe('generateWorkflowSource()', () => {
  it('makes a clean plan: the steps, a sleep every 50, a final wait, fan-in groups and no errors', () => {
    const plan = analyzeWorkflow(generateWorkflowSource(100));
    const wf = plan.workflows[0]!;
    expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(wf.nodes.filter((n) => n.kind === 'do')).toHaveLength(100);
    expect(wf.nodes.filter((n) => n.kind === 'sleep')).toHaveLength(2);
    expect(wf.nodes.filter((n) => n.kind === 'wait_for_event')).toHaveLength(1);
    expect(wf.groups.filter((g) => g.kind === 'concurrent')).toHaveLength(3);
  });
});
