/**
 * A Python traceback split into lines, with the `File "name.py", line N, in fn` frames made addressable, so
 * the UI can link each frame to its line in the editor. Pure; the text is kept verbatim.
 */

/** One line of a traceback: plain text, or a frame naming a file, a 1-based line and a function. */
export type TraceLine =
  | { kind: 'text'; text: string }
  | { kind: 'frame'; text: string; file: string; line: number; fn: string | null };

const FRAME = /^\s*File "([^"]+)", line (\d+)(?:, in (.+))?\s*$/;

/** The lines of `traceback`, frames recognised; a trailing newline adds no empty line. */
export function parseTraceback(traceback: string): TraceLine[] {
  const lines = traceback.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  return lines.map((text): TraceLine => {
    const m = FRAME.exec(text);
    if (!m) return { kind: 'text', text };
    return { kind: 'frame', text, file: m[1]!, line: Number(m[2]), fn: m[3] ?? null };
  });
}

/**
 * The editor range of line `line` (1-based) of `source`: from its first non-blank character to its last, so
 * the cursor lands where the code starts. A line past the end is an empty range on that line.
 */
export function lineRange(source: string, line: number) {
  const text = source.split('\n')[line - 1] ?? '';
  const start = text.length - text.trimStart().length + 1;
  return { line, column: start, endLine: line, endColumn: Math.max(start, text.trimEnd().length + 1) };
}
