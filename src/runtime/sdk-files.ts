/**
 * Reads the `workers` SDK sources from disk (Node only). Imports nothing of the runtime, so the Vite config
 * (vite-plugins/python-snapshot.ts) can use it without loading the engine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SdkSources } from './sdk-sources.ts';

/** The directory holding the `workers` package. */
export const SDK_DIR = fileURLToPath(new URL('./python/workers/', import.meta.url));

/** Reads every `.py` file of the `workers` package, keyed by absolute path. */
export function readSdkSources(dir: string = SDK_DIR): SdkSources {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.py')) out[join(dir, name)] = readFileSync(join(dir, name), 'utf8');
  }
  return out;
}
