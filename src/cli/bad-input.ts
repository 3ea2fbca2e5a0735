/**
 * Bad input (exit 2, one line on stderr): the error every command throws for it, and reading the workflow
 * file, which every command that takes one does the same way.
 */
import { readFileSync } from 'node:fs';
import { readProblem } from './command-args';

/** A bad input: the one-line stderr message (exit code 2). */
export class BadInput extends Error {}

/** Reads the Python workflow file `file`, or says why it cannot. */
export function readWorkflowSource(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new BadInput(`cannot read ${file}: ${readProblem(e)}; pass the path of a Python workflow file`);
  }
}
