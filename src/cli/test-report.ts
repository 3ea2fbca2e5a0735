/** What `workflow-studio test` prints: the readable report, the `--json` object and the `--junit` XML. */
import type { TestCaseResult, TestInstance } from '../runtime';

/** One test's outcome, as reported: each instance it created, with its journal file when the test failed. */
export interface TestResult extends Omit<TestCaseResult, 'instances'> {
  instances: (Omit<TestInstance, 'events'> & { journal?: string })[];
}

/** What `--json` prints. */
export interface TestRunReport {
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  /** pytest features the test files use that `workflow-studio test` does not run (each named once). */
  unsupported: string[];
  tests: TestResult[];
}

export function toTestReport(tests: TestResult[], durationMs: number, unsupported: string[] = []): TestRunReport {
  const count = (outcome: TestResult['outcome']) => tests.filter((t) => t.outcome === outcome).length;
  return {
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    durationMs,
    unsupported,
    tests,
  };
}

const indent = (text: string, prefix = '    ') =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => `${prefix}${l}`)
    .join('\n');

const WORD = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' } as const;

/**
 * One line per test (a skip with its reason), then each failure with its message, what it printed, the command
 * that opens each instance it created, and its traceback; then what was not supported, then the counts.
 */
export function formatTestReport(report: TestRunReport): string {
  const lines = report.tests.map(
    (t) =>
      `${WORD[t.outcome]} ${t.file}::${t.name}${t.outcome === 'skipped' && t.failure ? ` (${t.failure.message || 'skipped'})` : ''}`,
  );
  for (const t of report.tests) {
    if (t.outcome !== 'failed' || !t.failure) continue;
    lines.push('', `FAILED ${t.file}::${t.name}${t.failure.line === null ? '' : ` (${t.file}:${t.failure.line})`}`);
    lines.push(indent(t.failure.message));
    if (t.output) lines.push('', '    captured output:', indent(t.output, '    | '));
    for (const i of t.instances) {
      lines.push('', `    instance ${i.id} (${i.workflowName}) ${i.status}`);
      if (i.journal) lines.push(`      history: npx workflow-studio replay ${i.journal} ${i.file ?? t.file}`);
    }
    if (t.failure.traceback) lines.push('', indent(t.failure.traceback));
  }
  if (report.unsupported.length > 0) {
    lines.push(
      '',
      `not supported by workflow-studio test (ignored, or failed the test that used it): ${report.unsupported.join(', ')}`,
    );
  }
  const seconds = (report.durationMs / 1000).toFixed(2);
  const skipped = report.skipped > 0 ? `, ${report.skipped} skipped` : '';
  lines.push('', `${report.failed} failed, ${report.passed} passed${skipped} in ${seconds} s`);
  return `${lines.join('\n')}\n`;
}

const xml = (text: string) =>
  text
    // XML 1.0 cannot hold control characters other than tab and newlines, even escaped.
    .replace(/[^\t\n\r\u0020-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

/**
 * JUnit XML as CI servers read it: one `<testcase>` per test, `classname` its file, a `<failure>` or `<skipped>`
 * when so, and what the test printed in `<system-out>`.
 */
export function toJunit(report: TestRunReport): string {
  const secs = (ms: number) => (ms / 1000).toFixed(3);
  const cases = report.tests.map((t) => {
    const open = `  <testcase classname="${xml(t.file)}" name="${xml(t.name)}" file="${xml(t.file)}" line="${t.line}" time="${secs(t.durationMs)}"`;
    const body: string[] = [];
    if (t.outcome === 'failed' && t.failure) {
      const text = xml(`${t.failure.message}\n\n${t.failure.traceback}`.trimEnd());
      body.push(
        `    <failure type="${xml(t.failure.name)}" message="${xml(t.failure.message.split('\n')[0] ?? '')}">${text}</failure>`,
      );
    }
    if (t.outcome === 'skipped') body.push(`    <skipped message="${xml(t.failure?.message ?? '')}"/>`);
    if (t.output) body.push(`    <system-out>${xml(t.output)}</system-out>`);
    return body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n  </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="workflow-studio" tests="${report.tests.length}" failures="${report.failed}" errors="0" skipped="${report.skipped}" time="${secs(report.durationMs)}">`,
    ...cases,
    '</testsuite>',
    '',
  ].join('\n');
}
