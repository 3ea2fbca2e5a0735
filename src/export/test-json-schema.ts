/**
 * Test-only: a JSON Schema (draft-07) checker for the keywords wrangler's `config-schema.json` uses — `$ref`
 * (local `#/definitions/…`), `type`, `properties`, `additionalProperties`, `required`, `items`, `enum`,
 * `const`, `anyOf`, `allOf`, `minimum`, `maximum`, `multipleOf` — so the exported `wrangler.jsonc` is checked
 * against wrangler's own schema without a validator dependency. An unknown keyword is an error, so a newer
 * schema cannot pass unchecked. The fallback of `tests/wrangler-config/` when wrangler itself cannot run.
 */
type Schema = boolean | { [keyword: string]: unknown };

const IGNORED = new Set(['$schema', 'definitions', 'default', 'deprecated', 'allowTrailingCommas']);

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'integer':
      return Number.isInteger(v);
    case 'null':
      return v === null;
    default:
      return typeof v === type;
  }
}

/** Where `value` breaks `schema` (`$.workflows[0].binding: …`), or `[]` when it conforms. */
export function schemaErrors(root: Schema, value: unknown): string[] {
  const resolve = (ref: string): Schema => {
    const path = ref.replace(/^#\//, '').split('/');
    let at: unknown = root;
    for (const part of path) at = (at as Record<string, unknown>)[part];
    if (at === undefined) throw new Error(`unresolved $ref ${ref}`);
    return at as Schema;
  };
  const check = (schema: Schema, v: unknown, where: string): string[] => {
    if (schema === true) return [];
    if (schema === false) return [`${where}: not allowed`];
    const errors: string[] = [];
    for (const [key, arg] of Object.entries(schema)) {
      if (IGNORED.has(key) || key === 'properties' || key === 'additionalProperties') continue;
      if (key === '$ref') errors.push(...check(resolve(arg as string), v, where));
      else if (key === 'type') {
        const types = Array.isArray(arg) ? (arg as string[]) : [arg as string];
        if (!types.some((t) => typeOk(t, v))) errors.push(`${where}: expected ${types.join(' | ')}`);
      } else if (key === 'enum') {
        if (!(arg as unknown[]).some((x) => JSON.stringify(x) === JSON.stringify(v)))
          errors.push(`${where}: not in enum`);
      } else if (key === 'const') {
        if (JSON.stringify(arg) !== JSON.stringify(v)) errors.push(`${where}: expected ${JSON.stringify(arg)}`);
      } else if (key === 'allOf') for (const s of arg as Schema[]) errors.push(...check(s, v, where));
      else if (key === 'anyOf') {
        if (!(arg as Schema[]).some((s) => check(s, v, where).length === 0))
          errors.push(`${where}: matches no anyOf branch`);
      } else if (key === 'required') {
        if (typeOk('object', v)) {
          for (const k of arg as string[]) if (!(k in (v as object))) errors.push(`${where}: missing ${k}`);
        }
      } else if (key === 'items') {
        if (Array.isArray(v)) {
          for (const [i, item] of v.entries()) errors.push(...check(arg as Schema, item, `${where}[${i}]`));
        }
      } else if (key === 'minimum' || key === 'maximum' || key === 'multipleOf') {
        const n = arg as number;
        if (typeof v !== 'number') continue;
        if ((key === 'minimum' && v < n) || (key === 'maximum' && v > n) || (key === 'multipleOf' && v % n !== 0)) {
          errors.push(`${where}: ${key} ${n}`);
        }
      } else throw new Error(`schema keyword ${key} is not supported by this checker`);
    }
    if (typeOk('object', v) && ('properties' in schema || 'additionalProperties' in schema)) {
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const extra = (schema.additionalProperties ?? true) as Schema;
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
        errors.push(...check(props[k] ?? extra, item, `${where}.${k}`));
      }
    }
    return errors;
  };
  return check(root, value, '$');
}
