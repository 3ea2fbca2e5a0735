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

/** The innermost frame of `file` (the line that raised, as far as that file goes), or null. */
export function innermostFrame(lines: readonly TraceLine[], file: string): (TraceLine & { kind: 'frame' }) | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.kind === 'frame' && l.file === file) return l;
  }
  return null;
}
