import { describe, expect, it } from 'vitest';
import { lineRange, parseTraceback } from './traceback';

const TRACE = [
  'Traceback (most recent call last):',
  '  File "flow.py", line 16, in run',
  '    await convert()',
  '  File "flow.py", line 8, in parse',
  '    return int(text)',
  '  File "<frozen importlib._bootstrap>", line 1360, in _find_and_load',
  "ValueError: invalid literal for int() with base 10: 'x'",
  '',
].join('\n');

describe('parseTraceback()', () => {
  it('keeps every line verbatim and reads file, line and function of each frame', () => {
    const lines = parseTraceback(TRACE);
    expect(lines.map((l) => l.text)).toEqual(TRACE.split('\n').slice(0, -1));
    expect(lines.filter((l) => l.kind === 'frame')).toEqual([
      { kind: 'frame', text: '  File "flow.py", line 16, in run', file: 'flow.py', line: 16, fn: 'run' },
      { kind: 'frame', text: '  File "flow.py", line 8, in parse', file: 'flow.py', line: 8, fn: 'parse' },
      {
        kind: 'frame',
        text: '  File "<frozen importlib._bootstrap>", line 1360, in _find_and_load',
        file: '<frozen importlib._bootstrap>',
        line: 1360,
        fn: '_find_and_load',
      },
    ]);
  });

  it('reads a frame without a function (a SyntaxError) and Windows line ends', () => {
    expect(parseTraceback('  File "a.py", line 3\r\n    x = (\r\nSyntaxError: bad')).toEqual([
      { kind: 'frame', text: '  File "a.py", line 3', file: 'a.py', line: 3, fn: null },
      { kind: 'text', text: '    x = (' },
      { kind: 'text', text: 'SyntaxError: bad' },
    ]);
  });

  it('does not take a quoted source line that mentions File for a frame', () => {
    expect(parseTraceback('    print(\'File "x.py", line 2\', y)')[0]?.kind).toBe('text');
  });
});

describe('lineRange()', () => {
  const source = 'def check(order):\n    raise ValueError(order)  \n\nx = 1';

  it('spans the code of the line, from its first non-blank character', () => {
    expect(lineRange(source, 2)).toEqual({ line: 2, column: 5, endLine: 2, endColumn: 28 });
    expect(lineRange(source, 1)).toEqual({ line: 1, column: 1, endLine: 1, endColumn: 18 });
  });

  it('is an empty range on a blank line or past the end', () => {
    expect(lineRange(source, 3)).toEqual({ line: 3, column: 1, endLine: 3, endColumn: 1 });
    expect(lineRange(source, 99)).toEqual({ line: 99, column: 1, endLine: 99, endColumn: 1 });
  });
});
