/** A JSON-like value: what the journal can hold (step results, params, payloads, outputs). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Largest step result, params object or event payload the engine accepts, in UTF-8 bytes of its JSON text. */
export const MAX_VALUE_BYTES = 1024 * 1024;

/** Outcome of {@link toJson}: a detached copy and its size, or why the value is not JSON-like. */
export type JsonCheck = { ok: true; value: Json; bytes: number } | { ok: false; reason: string };

/**
 * Checks that `value` is JSON-like and returns a detached copy (so later mutation by user code cannot change
 * the journal) plus its size in UTF-8 bytes. `undefined` becomes `null` (Pyodide turns `None` into
 * `undefined`); functions, symbols, BigInts, non-finite numbers, class instances and cycles are rejected with
 * the path of the first offending value.
 */
export function toJson(value: unknown): JsonCheck {
  const ancestors = new Set<object>();
  let reason: string | undefined;
  const copy = (v: unknown, path: string): Json => {
    if (reason !== undefined) return null;
    if (v === null || v === undefined) return null;
    switch (typeof v) {
      case 'boolean':
      case 'string':
        return v;
      case 'number':
        if (!Number.isFinite(v)) reason = `${path} is ${v}, which JSON cannot represent`;
        return v;
      case 'object':
        return copyObject(v, path);
      case 'bigint':
        reason = `${path} is an integer JSON numbers cannot hold exactly (a BigInt)`;
        return null;
      default:
        reason = `${path} is a ${typeof v}, which JSON cannot represent`;
        return null;
    }
  };
  const copyObject = (v: object, path: string): Json => {
    if (ancestors.has(v)) {
      reason = `${path} refers back to one of its parents (a cycle)`;
      return null;
    }
    ancestors.add(v);
    try {
      if (Array.isArray(v)) return v.map((item, i) => copy(item, `${path}[${i}]`));
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        reason = `${path} is ${classOf(v)}, not a plain object`;
        return null;
      }
      const out: { [key: string]: Json } = {};
      for (const [k, item] of Object.entries(v)) out[k] = copy(item, `${path}${formatKey(k)}`);
      return out;
    } finally {
      ancestors.delete(v);
    }
  };
  const result = copy(value, '$');
  if (reason !== undefined) return { ok: false, reason };
  return { ok: true, value: result, bytes: utf8Length(JSON.stringify(result)) };
}

/** Deep copy of a value already known to be JSON (cheap for primitives). */
export function cloneJson<T extends Json>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => cloneJson(v)) as T;
  const out: { [key: string]: Json } = {};
  for (const k in value) out[k] = cloneJson((value as { [key: string]: Json })[k] as Json);
  return out as T;
}

/** Number of bytes `text` takes in UTF-8. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** `a set`, `an Order`, `an instance of object`: the class of a value that is not a plain object, for messages. */
function classOf(v: object): string {
  const name: unknown = (v.constructor as { name?: unknown } | undefined)?.name;
  if (typeof name !== 'string' || name === '') return 'an object of an unnamed class';
  if (name === 'object' || name === 'Object') return 'an instance of object';
  // "an Order", "an unknown", but "a Uint8Array", "a union".
  return `${/^(?:[aeio]|u[^aeiouy\d](?![aeiouy]))/i.test(name) ? 'an' : 'a'} ${name}`;
}

function formatKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
