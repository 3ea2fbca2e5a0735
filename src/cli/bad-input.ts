/**
 * Bad input (exit 2, one line on stderr): the error every command throws for it, and reading the workflow
 * file, which every command that takes one does the same way.
 */
import { readFileSync } from 'node:fs';
import { decodePythonSource, firstInvalidUtf8 } from '../analysis';
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

/** A file read as UTF-8 that is not; its message names the first bad byte and its offset. */
export class NotUtf8 extends Error {}

/**
 * Reads a JSON (or JSONC) file given on the command line as UTF-8, which JSON must be; a leading byte order mark
 * is dropped. A file that is not UTF-8 throws, naming the first bad byte and its offset: never read with
 * characters replaced ("caf\ufffd").
 */
export function readUtf8File(path: string): string {
  const bytes = readFileSync(path);
  const at = firstInvalidUtf8(bytes);
  if (at >= 0) {
    const byte = (bytes[at] as number).toString(16).toUpperCase().padStart(2, '0');
    throw new NotUtf8(`it is not UTF-8 (byte 0x${byte} at offset ${at}); save it as UTF-8`);
  }
  return new TextDecoder('utf-8').decode(bytes);
}
