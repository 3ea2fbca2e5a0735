/** Checking what the user typed into the Run dialog before anything is sent to the executor. Pure. */
import { instanceIdProblem } from '../../engine';

/** Parsed params (undefined when the field is empty), or a message that says what and where. */
export type ParamsCheck = { ok: true; value: unknown } | { ok: false; message: string };

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses the params JSON; an empty field means no params (the workflow then sees `event["payload"] == {}`). */
export const parseParams = (text: string): ParamsCheck => parseJsonField(text, 'Params');

/** Parses a JSON field of a dialog; `what` names the field in the message ("Payload is not valid JSON: …"). */
export function parseJsonField(text: string, what: string): ParamsCheck {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const position = /at position (\d+)/.exec(raw);
    const where = position && !/\(line \d+ column \d+\)/.test(raw) ? lineColumn(text, Number(position[1])) : null;
    const suffix = where ? ` (line ${where.line}, column ${where.column})` : '';
    return { ok: false, message: `${what} ${what.endsWith('s') ? 'are' : 'is'} not valid JSON: ${raw}${suffix}` };
  }
}

/** Why an instance id would be refused (the engine's own rule and words), or null; empty = generated id. */
export function instanceIdCheck(id: string): string | null {
  if (id === '') return null;
  const problem = instanceIdProblem(id);
  return problem ? `Workflow instance has invalid id: ${problem}` : null;
}
