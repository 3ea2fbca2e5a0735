/**
 * Bad input (exit 2, one line on stderr): the error every command throws for it, and reading the workflow
 * file, which every command that takes one does the same way.
 */
import { readFileSync } from 'node:fs';
import { decodePythonSource } from '../analysis';
import { readProblem } from './command-args';

/** A bad input: the one-line stderr message (exit code 2). */
export class BadInput extends Error {}

/**
 * Reads the Python workflow file `file` as Python would (UTF-8, or the encoding its PEP 263 coding line names),
 * or says why it cannot: never with characters replaced.
 */
export function readWorkflowSource(file: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new BadInput(`cannot read ${file}: ${readProblem(e)}; pass the path of a Python workflow file`);
  }
  const decoded = decodePythonSource(bytes, file);
  if (!decoded.ok) throw new BadInput(decoded.message);
  return decoded.text;
}
