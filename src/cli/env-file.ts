/** `--env FILE` of `export` and `test`: the declaration, or the bad input that names what is wrong with it. */
import { readFileSync } from 'node:fs';
import { type EnvDeclaration, parseEnvDeclaration } from '../engine';
import { BadInput } from './bad-input';
import { readProblem } from './command-args';

export function readEnvFile(path: string): EnvDeclaration {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new BadInput(`--env: cannot read ${path}: ${readProblem(e)}`);
  }
  const parsed = parseEnvDeclaration(text);
  if (!parsed.ok) throw new BadInput(`--env ${path}: ${parsed.message}`);
  return parsed.env;
}
