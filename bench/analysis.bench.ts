/**
 * Static analysis speed: the graph is re-derived from the editor buffer as the user types, so a full analysis of
 * a big source and an incremental keystroke must both stay far below a frame budget.
 */
import { analyzeWorkflow, createWorkflowAnalyzer } from '../src/analysis';
import { bigWorkflow } from '../src/analysis/__fixtures__/big-workflow';
import { median } from './stats';
import type { BenchCase } from './types';

function timeMs(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const cases: BenchCase[] = [
  {
    name: 'parse + analyse a 500-step source (3 200 lines)',
    group: 'analysis',
    goal: '≤ 100 ms',
    async run({ quick }) {
      const source = bigWorkflow(500);
      for (let i = 0; i < 3; i++) analyzeWorkflow(source);
      const samples = Array.from({ length: quick ? 5 : 21 }, () => timeMs(() => analyzeWorkflow(source)));
      return {
        value: median(samples),
        unit: 'ms',
        samples,
        note: 'Wall time of analyzeWorkflow() in Node after 3 warm-up runs.',
      };
    },
  },
  {
    name: 'incremental re-analysis after one keystroke in a 500-step source',
    group: 'analysis',
    goal: '≤ 50 ms',
    async run({ quick }) {
      const analyzer = createWorkflowAnalyzer();
      let source = bigWorkflow(500);
      analyzer.analyze(source);
      const samples: number[] = [];
      for (let i = 0; i < (quick ? 5 : 21); i++) {
        const at = source.indexOf('"s250"');
        source = `${source.slice(0, at + 2)}x${source.slice(at + 2)}`;
        samples.push(timeMs(() => analyzer.analyze(source)));
      }
      analyzer.dispose();
      return {
        value: median(samples),
        unit: 'ms',
        samples,
        note: "A character typed into step s250's name each sample.",
      };
    },
  },
];

export default cases;
