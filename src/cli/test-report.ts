/** What `workflow-studio test` prints: the readable report, the `--json` object and the `--junit` XML. */

/** One test's outcome. */
export interface TestResult {
  file: string;
  name: string;
  line: number;
  outcome: 'passed' | 'failed';
  /** Wall time in milliseconds. */
  durationMs: number;
  /** For a failure: the exception's name, the message the user reads, the test file's line and the traceback. */
  failure: { name: string; message: string; line: number | null; traceback: string } | null;
}

/** What `--json` prints. */
export interface TestRunReport {
  passed: number;
  failed: number;
  durationMs: number;
  tests: TestResult[];
}

export function toTestReport(tests: TestResult[], durationMs: number): TestRunReport {
  const failed = tests.filter((t) => t.outcome === 'failed').length;
  return { passed: tests.length - failed, failed, durationMs, tests };
}

const indent = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');

/** One line per test, then each failure with its message and traceback, then the counts. */
export function formatTestReport(report: TestRunReport): string {
  const lines = report.tests.map((t) => `${t.outcome === 'passed' ? 'PASS' : 'FAIL'} ${t.file}::${t.name}`);
  for (const t of report.tests) {
    if (!t.failure) continue;
    lines.push('', `FAILED ${t.file}::${t.name}${t.failure.line === null ? '' : ` (${t.file}:${t.failure.line})`}`);
    lines.push(indent(t.failure.message));
    if (t.failure.traceback) lines.push('', indent(t.failure.traceback));
  }
  const seconds = (report.durationMs / 1000).toFixed(2);
  lines.push('', `${report.failed} failed, ${report.passed} passed in ${seconds} s`);
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

/** JUnit XML as CI servers read it: one `<testcase>` per test, `classname` its file. */
export function toJunit(report: TestRunReport): string {
  const secs = (ms: number) => (ms / 1000).toFixed(3);
  const cases = report.tests.map((t) => {
    const open = `  <testcase classname="${xml(t.file)}" name="${xml(t.name)}" file="${xml(t.file)}" line="${t.line}" time="${secs(t.durationMs)}"`;
    if (!t.failure) return `${open}/>`;
    const body = xml(`${t.failure.message}\n\n${t.failure.traceback}`.trimEnd());
    return `${open}>\n    <failure type="${xml(t.failure.name)}" message="${xml(t.failure.message.split('\n')[0] ?? '')}">${body}</failure>\n  </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="workflow-studio" tests="${report.tests.length}" failures="${report.failed}" errors="0" skipped="0" time="${secs(report.durationMs)}">`,
    ...cases,
    '</testsuite>',
    '',
  ].join('\n');
}
