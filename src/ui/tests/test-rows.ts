/** The Tests panel's words and grouping (pure): per-file groups in run order, the counts line, durations. */
import type { TestCaseReport, TestsRan } from '../../protocol';

/** Files the panel runs: named `test_*.py`, as `workflow-studio test` finds them. */
export const isTestFile = (name: string): boolean => /^test_.*\.py$/.test(name);

export interface TestGroup {
  file: string;
  tests: TestCaseReport[];
}

/** The tests grouped by file, files and tests in run order. */
export function groupByFile(tests: readonly TestCaseReport[]): TestGroup[] {
  const groups: TestGroup[] = [];
  for (const t of tests) {
    const last = groups[groups.length - 1];
    if (last?.file === t.file) last.tests.push(t);
    else groups.push({ file: t.file, tests: [t] });
  }
  return groups;
}

/** "2 failed · 5 passed · 1 skipped in 0.84 s" (zero counts left out, failures first). */
export function countsText(report: Pick<TestsRan, 'tests' | 'durationMs'>): string {
  const n = (o: TestCaseReport['outcome']) => report.tests.filter((t) => t.outcome === o).length;
  const parts = [
    [n('failed'), 'failed'],
    [n('passed'), 'passed'],
    [n('skipped'), 'skipped'],
  ]
    .filter(([count]) => (count as number) > 0)
    .map(([count, word]) => `${count} ${word}`);
  return `${parts.join(' · ') || 'no tests'} in ${(report.durationMs / 1000).toFixed(2)} s`;
}

/** A test's duration as the row shows it: "12 ms", "1.4 s". */
export function durationText(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export const OUTCOME_WORD = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' } as const;
