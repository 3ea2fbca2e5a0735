/**
 * Secrets on screen: the env editor shows the declaration with each secret's value replaced by `"••••••"`,
 * and saving puts the stored value back wherever the mask is left as it was (typing a new value changes it).
 * So a secret's value is never drawn, while the declaration keeps its comments and layout.
 */
import { parseEnvDeclaration } from '../../engine';

export const SECRET_MASK = '••••••';

/** The entry `"NAME": <JSON string>` of a secret, in the text of a declaration. */
const entry = (name: string, valueJson: string) =>
  new RegExp(`("${name}"\\s*:\\s*)${valueJson.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'g');

/** `text` with every secret's value masked (text that does not parse is shown as is: it has no secrets yet). */
export function maskEnvText(text: string): string {
  const parsed = parseEnvDeclaration(text);
  if (!parsed.ok) return text;
  let out = text;
  for (const [name, value] of Object.entries(parsed.env.secrets)) {
    out = out.replace(entry(name, JSON.stringify(value)), `$1${JSON.stringify(SECRET_MASK)}`);
  }
  return out;
}

/** The text to store: masked secrets get their stored values back from `stored` (the previous text). */
export function unmaskEnvText(edited: string, stored: string): string {
  const before = parseEnvDeclaration(stored);
  if (!before.ok) return edited;
  let out = edited;
  for (const [name, value] of Object.entries(before.env.secrets)) {
    out = out.replace(entry(name, JSON.stringify(SECRET_MASK)), `$1${JSON.stringify(value)}`);
  }
  return out;
}
