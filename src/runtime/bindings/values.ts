/**
 * Values between Python and the bindings: arguments and results travel as JSON with bytes tagged
 * `{"$type": "bytes", "base64": …}` and times as `{"$type": "datetime", "ms": …}` (what `workers/_values.py`
 * reads back as `memoryview` and `datetime`), and errors as Cloudflare's bindings word them.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const utf8 = (text: string): Uint8Array => encoder.encode(text);
export const fromUtf8 = (bytes: Uint8Array): string => decoder.decode(bytes);
export const byteLength = (text: string): number => encoder.encode(text).length;

export interface BytesTag {
  $type: 'bytes';
  base64: string;
}

function isBytesTag(value: unknown): value is BytesTag {
  const v = value as BytesTag | null;
  return typeof v === 'object' && v !== null && v.$type === 'bytes' && typeof v.base64 === 'string';
}

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function bytesTag(bytes: Uint8Array): BytesTag {
  return { $type: 'bytes', base64: toBase64(bytes) };
}

export const datetimeTag = (ms: number) => ({ $type: 'datetime', ms });

/** Bytes of a tagged bytes value, or `undefined` when `value` is not one. */
export function taggedBytes(value: unknown): Uint8Array | undefined {
  if (!isBytesTag(value)) return undefined;
  const text = atob(value.base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) out[i] = text.charCodeAt(i);
  return out;
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isBytesTag(v);

/**
 * The options object of a call: Python keywords arrive as a last object argument (as Pyodide passes them to a
 * JS function), so `put(k, v, {"metadata": m})`, `put(k, v, metadata=m)` and `put(k, v, None)` all mean one thing.
 */
export function optionsArg(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (isPlainObject(value)) return value;
  throw new TypeError(`${what} must be an object (a dict), not ${typeName(value)}`);
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (isBytesTag(value)) return 'bytes';
  return typeof value;
}

/** Cursors are opaque to callers: the last key of the page, in base64. */
export const encodeCursor = (key: string): string => toBase64(utf8(key));
export function decodeCursor(cursor: unknown): string | undefined {
  if (cursor === undefined || cursor === null || cursor === '') return undefined;
  try {
    return fromUtf8(taggedBytes({ $type: 'bytes', base64: String(cursor) }) ?? new Uint8Array());
  } catch {
    throw new TypeError(`Invalid cursor ${JSON.stringify(cursor)}: pass the cursor a previous list() returned`);
  }
}
