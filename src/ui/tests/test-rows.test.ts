import { describe, expect, it } from 'vitest';
import type { TestCaseReport } from '../../protocol';
import { countsText, durationText, groupByFile, isTestFile } from './test-rows';

const t = (file: string, name: string, outcome: TestCaseReport['outcome']): TestCaseReport => ({
  file,
  name,
  line: 1,
  outcome,
  durationMs: 3,
  failure: null,
  output: '',
  instances: [],
});

describe('Tests panel rows', () => {
  it('groups tests by file in run order and counts outcomes, failures first', () => {
    const tests = [t('test_a.py', 'x', 'passed'), t('test_a.py', 'y', 'failed'), t('test_b.py', 'z', 'skipped')];
    expect(groupByFile(tests).map((g) => [g.file, g.tests.map((x) => x.name)])).toEqual([
      ['test_a.py', ['x', 'y']],
      ['test_b.py', ['z']],
    ]);
    expect(countsText({ tests, durationMs: 840 })).toBe('1 failed · 1 passed · 1 skipped in 0.84 s');
    expect(countsText({ tests: [], durationMs: 5 })).toBe('no tests in 0.01 s');
  });

  it('finds test files by name and words durations', () => {
    expect(['test_order.py', 'order.py', 'test_x.txt', 'conftest.py'].filter(isTestFile)).toEqual(['test_order.py']);
    expect([durationText(12.4), durationText(1400)]).toEqual(['12 ms', '1.4 s']);
  });
});
