import { describe, expect, it } from 'vitest';
import { analyzeWorkflow } from '../../analysis';
import type { DivergenceView } from '../../engine';
import { divergenceText, stepFormText } from './graph-notes-text';

const nap = { kind: 'sleep', name: 'nap', count: 1 } as const;
const divergence = (d: Partial<DivergenceView>): DivergenceView => ({
  run: 2,
  seq: 9,
  expected: nap,
  got: null,
  missing: [nap],
  ...d,
});

describe('graph footnotes', () => {
  it('says a sleep asked for with another duration is a new sleep, as on Cloudflare', () => {
    expect(divergenceText(divergence({ got: nap }))).toBe(
      '⚠ Run 2 diverged from the journal: it asked for sleep “nap” with another duration. Cloudflare keys a sleep by its name and duration, so this is a new sleep, as there: the journaled one is orphaned and the new one waits its whole new duration.',
    );
  });

  it('keeps the expected-vs-got wording for another call, and for no further call', () => {
    const renamed = { kind: 'do', name: 'reserve inventory', count: 1 } as const;
    expect(
      divergenceText(divergence({ expected: { kind: 'do', name: 'reserve stock', count: 1 }, got: renamed })),
    ).toBe(
      '⚠ Run 2 diverged from the journal: it expected step “reserve stock”, the code asked for step “reserve inventory”. The journaled call is orphaned and “reserve inventory” ran as a new call.',
    );
    expect(divergenceText(divergence({}))).toBe(
      '⚠ Run 2 diverged from the journal: it expected sleep “nap”, the code issued no further call. The journaled call is orphaned.',
    );
  });

  it('names the step.do form the file runs', () => {
    const source = (deco: string, params: string) =>
      `from workers import WorkflowEntrypoint\n\nclass F(WorkflowEntrypoint):\n    async def run(self, event, step):\n        @step.do("a")\n        async def a():\n            return 1\n\n        @step.do(${deco})\n        async def b(${params}):\n            return 2\n\n        return await b()\n`;
    expect(stepFormText(analyzeWorkflow(source('"b", depends=[a]', 'x')))).toBe(
      'step.do form: legacy depends=[…] (export sets no_python_workflows_implicit_dependencies)',
    );
    expect(stepFormText(analyzeWorkflow(source('"b"', 'a')))).toBe(
      'step.do form: implicit (parameters name the steps they need)',
    );
    expect(stepFormText(analyzeWorkflow('print(1)\n'))).toBeNull();
  });
});
