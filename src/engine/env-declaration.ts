/**
 * The `self.env` a workflow file declares, in the shape of `wrangler.jsonc`: KV namespaces, D1 databases, R2
 * buckets, `vars`, and `secrets` (a name → value map Wrangler keeps out of the file; here it is the studio's
 * stand-in for `wrangler secret put`). One parser for the studio, the CLI (`--env FILE`), the runtime and the
 * export; pure TypeScript, so every layer may use it.
 */
import type { Json } from './json';

export type BindingKind = 'kv' | 'd1' | 'r2';

/** One storage binding: its `self.env` name and the Cloudflare id or name the export carries (if given). */
export interface ResourceBinding {
  kind: BindingKind;
  binding: string;
  /** `id` (KV), `database_id` (D1) or `bucket_name` (R2), as declared; absent → a placeholder on export. */
  id?: string;
  /** `database_name` of a D1 database, when declared. */
  name?: string;
}

export interface EnvDeclaration {
  resources: ResourceBinding[];
  vars: Record<string, Json>;
  secrets: Record<string, string>;
}

export type EnvDeclarationResult = { ok: true; env: EnvDeclaration } | { ok: false; message: string };

export const EMPTY_ENV: EnvDeclaration = { resources: [], vars: {}, secrets: {} };

const SECTIONS = {
  kv_namespaces: { kind: 'kv', id: 'id', name: undefined },
  d1_databases: { kind: 'd1', id: 'database_id', name: 'database_name' },
  r2_buckets: { kind: 'r2', id: 'bucket_name', name: undefined },
} as const;
const KNOWN = [...Object.keys(SECTIONS), 'vars', 'secrets'];
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Removes `//` and block comments outside strings (see {@link withoutTrailingCommas} for the rest of JSONC). */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i += 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** Drops the commas before `}` or `]` that JSONC allows (run on text without comments; strings are kept). */
export function withoutTrailingCommas(text: string): string {
  return text.replace(/("(?:[^"\\]|\\.)*")|,(\s*[}\]])/g, (match, string: string | undefined, close: string) =>
    string !== undefined ? match : close,
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses a declaration (JSON with comments). Errors name the first bad field, e.g.
 * `kv_namespaces[0].binding must be a name like "KV" (letters, digits, _)`. Empty text declares nothing.
 */
export function parseEnvDeclaration(text: string): EnvDeclarationResult {
  if (text.trim() === '') return { ok: true, env: EMPTY_ENV };
  let raw: unknown;
  try {
    raw = JSON.parse(withoutTrailingCommas(stripJsonComments(text)));
  } catch (error) {
    return { ok: false, message: `not JSON: ${(error as Error).message}` };
  }
  return checkEnvDeclaration(raw);
}

/** Checks an already parsed declaration (see {@link parseEnvDeclaration}). */
export function checkEnvDeclaration(raw: unknown): EnvDeclarationResult {
  if (!isObject(raw))
    return { ok: false, message: 'the declaration must be a JSON object like {"kv_namespaces": […]}' };
  const unknown = Object.keys(raw).find((k) => !KNOWN.includes(k));
  if (unknown !== undefined) {
    return { ok: false, message: `unknown field "${unknown}" (known: ${KNOWN.join(', ')})` };
  }
  const seen = new Set<string>();
  const named = (where: string, name: unknown): string | undefined => {
    if (typeof name !== 'string' || !NAME.test(name)) return `${where} must be a name like "KV" (letters, digits, _)`;
    if (seen.has(name)) return `${where}: the name "${name}" is declared twice`;
    seen.add(name);
    return undefined;
  };
  const resources: ResourceBinding[] = [];
  for (const [section, shape] of Object.entries(SECTIONS)) {
    const list = raw[section];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return { ok: false, message: `${section} must be a list of {"binding": …} objects` };
    for (const [i, item] of list.entries()) {
      const where = `${section}[${i}]`;
      if (!isObject(item)) return { ok: false, message: `${where} must be an object like {"binding": "NAME"}` };
      const problem = named(`${where}.binding`, item.binding);
      if (problem) return { ok: false, message: problem };
      const entry: ResourceBinding = { kind: shape.kind, binding: item.binding as string };
      for (const [field, key] of [
        [shape.id, 'id'],
        [shape.name, 'name'],
      ] as const) {
        if (field === undefined || item[field] === undefined) continue;
        if (typeof item[field] !== 'string') return { ok: false, message: `${where}.${field} must be a string` };
        entry[key] = item[field] as string;
      }
      resources.push(entry);
    }
  }
  const vars: Record<string, Json> = {};
  const secrets: Record<string, string> = {};
  for (const [section, target] of [
    ['vars', vars],
    ['secrets', secrets],
  ] as const) {
    const map = raw[section];
    if (map === undefined) continue;
    if (!isObject(map)) return { ok: false, message: `${section} must be an object of NAME: value` };
    for (const [name, value] of Object.entries(map)) {
      const problem = named(`${section}.${name}`, name);
      if (problem) return { ok: false, message: problem };
      if (section === 'secrets' && typeof value !== 'string') {
        return {
          ok: false,
          message: `secrets.${name} must be a string (secrets are text, as wrangler secret put stores them)`,
        };
      }
      target[name] = value as Json & string;
    }
  }
  return { ok: true, env: { resources, vars, secrets } };
}

/** The declaration with secret values replaced by `"***"` (what a screen, a share link or an export may show). */
export function maskSecrets(env: EnvDeclaration): EnvDeclaration {
  return { ...env, secrets: Object.fromEntries(Object.keys(env.secrets).map((k) => [k, '***'])) };
}
