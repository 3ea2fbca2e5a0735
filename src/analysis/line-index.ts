import type { SourceRange } from './types.ts';

/** Turns offsets into 1-based line/column ranges; built once per source. */
export interface LineIndex {
  range(from: number, to: number): SourceRange;
  /** 1-based line of an offset. */
  lineOf(offset: number): number;
}

/** Index the line starts of `source` (\n, \r\n and \r all end a line, as in Python and Monaco). */
export function createLineIndex(source: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const clamp = (n: number) => Math.max(0, Math.min(n, source.length));
  return {
    lineOf,
    range(from, to) {
      const a = clamp(from);
      const b = clamp(Math.max(from, to));
      const startLine = lineOf(a);
      const endLine = lineOf(b);
      return {
        from: a,
        to: b,
        startLine,
        startColumn: a - (starts[startLine - 1] as number) + 1,
        endLine,
        endColumn: b - (starts[endLine - 1] as number) + 1,
      };
    },
  };
}
