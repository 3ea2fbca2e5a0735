/**
 * Values the Python runtime journals as tagged JSON (`{"$type": ...}`, see `runtime/python/workers/_values.py`):
 * bytes, sets, NaN/±inf, big ints, datetimes, and a dict that has a `"$type"` key of its own. The inspector
 * shows them as Python would print them instead of as the tag objects.
 */
import type { Json } from '../../engine';

type JsonObject = { [key: string]: Json };

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The user's dict behind a `{"$type": "dict", "entries": …}` wrapper, or undefined. */
export function wrappedDict(value: Json): JsonObject | undefined {
  if (!isObject(value) || Object.keys(value).length !== 2 || value.$type !== 'dict') return undefined;
  return isObject(value.entries as Json) ? (value.entries as JsonObject) : undefined;
}

function bytesRepr(base64: string): string {
  let text = '';
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    return `b'<${base64.length} base64 characters>'`;
  }
  for (const ch of binary) {
    const code = ch.charCodeAt(0);
    if (ch === '\\' || ch === "'") text += `\\${ch}`;
    else if (ch === '\n') text += '\\n';
    else if (ch === '\r') text += '\\r';
    else if (ch === '\t') text += '\\t';
    else if (code >= 0x20 && code < 0x7f) text += ch;
    else text += `\\x${code.toString(16).padStart(2, '0')}`;
  }
  return `b'${text}'`;
}

function itemRepr(item: Json): string {
  return describeTagged(item) ?? JSON.stringify(item);
}

/** Python's text for a tagged value (`b'\x00ok'`, `{'a', 1}`, `nan`, `2**64 + 1`'s digits, a datetime), or undefined. */
export function describeTagged(value: Json): string | undefined {
  if (!isObject(value) || Object.keys(value).length !== 2) return undefined;
  const { $type: tag } = value;
  if (tag === 'bytes' && typeof value.base64 === 'string') return bytesRepr(value.base64);
  if (tag === 'set' && Array.isArray(value.items)) {
    return value.items.length === 0 ? 'set()' : `{${value.items.map(itemRepr).join(', ')}}`;
  }
  if (tag === 'float' && (value.value === 'nan' || value.value === 'inf' || value.value === '-inf')) return value.value;
  if (tag === 'bigint' && typeof value.value === 'string') return value.value;
  if (tag === 'datetime' && typeof value.ms === 'number') {
    const date = new Date(value.ms);
    return Number.isNaN(date.getTime()) ? undefined : `datetime ${date.toISOString().replace('Z', ' UTC')}`;
  }
  return undefined;
}
