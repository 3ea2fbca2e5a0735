/**
 * The env declaration a share link carries: the file's text with every secret's value blanked (`""`), so the
 * names travel and the values never do; the receiver fills them in (Env & bindings). Comments and layout are
 * kept where the values can be found in the text; otherwise the declaration is written again as plain JSON.
 */
import { parseEnvDeclaration, stripJsonComments, withoutTrailingCommas } from '../engine';

/** `text` safe to put in a link, and the names of the secrets the receiver must fill in; or why it is not. */
export type ShareableEnv = { ok: true; text: string; secrets: string[] } | { ok: false; message: string };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The declaration with secret values blanked; a declaration that does not parse cannot be shared. */
export function shareableEnv(text: string): ShareableEnv {
  const parsed = parseEnvDeclaration(text);
  if (!parsed.ok) return { ok: false, message: `the file's env is not valid: ${parsed.message}` };
  const names = Object.keys(parsed.env.secrets);
  let out = text;
  for (const [name, value] of Object.entries(parsed.env.secrets)) {
    const entry = new RegExp(`("${name}"\\s*:\\s*)${escapeRegExp(JSON.stringify(value))}`, 'g');
    out = out.replace(entry, '$1""');
  }
  const values = Object.values(parsed.env.secrets).filter((v) => v !== '');
  if (!secretsBlank(out, names) || values.some((v) => out.includes(v))) {
    // A value is written another way (an escape) or still appears (in a comment): keep only the parsed declaration.
    const raw = JSON.parse(withoutTrailingCommas(stripJsonComments(text))) as Record<string, unknown>;
    raw.secrets = Object.fromEntries(names.map((n) => [n, '']));
    out = JSON.stringify(raw, null, 2);
  }
  return { ok: true, text: out, secrets: names };
}

/** Whether `text` still parses with the same secret names, each blank. */
function secretsBlank(text: string, names: string[]): boolean {
  const again = parseEnvDeclaration(text);
  return (
    again.ok &&
    Object.keys(again.env.secrets).join() === names.join() &&
    Object.values(again.env.secrets).every((v) => v === '')
  );
}

/** The names of the secrets a received declaration leaves blank (what the receiver must fill in). */
export function blankSecrets(text: string): string[] {
  const parsed = parseEnvDeclaration(text);
  return parsed.ok ? Object.entries(parsed.env.secrets).flatMap(([n, v]) => (v === '' ? [n] : [])) : [];
}
