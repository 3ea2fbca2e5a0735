/** Test helpers for src/export: JSONC parsing and unzipping, as a user's tools would read the exported files. */
import { strFromU8, unzipSync } from 'fflate';

/** Removes `//` and `/* *\/` comments outside strings, so `JSON.parse` can read a wrangler.jsonc. */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** JSON.parse of a JSONC text (comments; no trailing commas, which wrangler accepts but JSON does not). */
export const parseJsonc = (text: string): unknown => JSON.parse(stripJsonComments(text));

/** A zip's entries as path → text. */
export function unzipText(zip: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, bytes] of Object.entries(unzipSync(zip))) out[path] = strFromU8(bytes);
  return out;
}
