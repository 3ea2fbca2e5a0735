/** Test helpers for src/export: JSONC parsing and unzipping, as a user's tools would read the exported files. */
import { strFromU8, unzipSync } from 'fflate';
import { stripJsonComments } from '../engine';

export { stripJsonComments };

/** JSON.parse of a JSONC text (comments; no trailing commas, which wrangler accepts but JSON does not). */
export const parseJsonc = (text: string): unknown => JSON.parse(stripJsonComments(text));

/** A zip's entries as path → text. */
export function unzipText(zip: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, bytes] of Object.entries(unzipSync(zip))) out[path] = strFromU8(bytes);
  return out;
}
