/**
 * An R2 bucket as Cloudflare's binding behaves: `put` (text, bytes or None; httpMetadata, customMetadata) →
 * the object's description, `get` (whole or a range: offset/length or suffix) → the object with its body, or
 * `None` when missing, `head` → the description or `None`, `delete` (one key or a list), `list` (prefix, limit,
 * cursor, delimiter → delimitedPrefixes). Keys are at most 1024 bytes. The etag is a content hash (SHA-256,
 * 32 hex digits; R2's is an MD5, so values differ, shapes do not).
 */
import type { BindingStore, Json } from '../../engine';
import {
  byteLength,
  bytesTag,
  datetimeTag,
  decodeCursor,
  encodeCursor,
  optionsArg,
  taggedBytes,
  typeName,
  utf8,
} from './values';

export const R2_LIMITS = { keyBytes: 1024, listObjects: 1000, deleteKeys: 1000 } as const;

interface R2Meta {
  version: string;
  etag: string;
  uploaded: number;
  httpMetadata: Record<string, Json>;
  customMetadata: Record<string, string>;
}

function checkKey(op: string, key: unknown): string {
  if (typeof key !== 'string') throw new TypeError(`R2 ${op}() key must be a str, not ${typeName(key)}`);
  if (byteLength(key) > R2_LIMITS.keyBytes) {
    throw new Error(`${op}: The specified object name is not valid. (10020)`);
  }
  return key;
}

async function etagOf(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return [...digest.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function objectInfo(key: string, size: number, meta: R2Meta, include: { http: boolean; custom: boolean }) {
  return {
    key,
    version: meta.version,
    size,
    etag: meta.etag,
    httpEtag: `"${meta.etag}"`,
    uploaded: datetimeTag(meta.uploaded),
    ...(include.http ? { httpMetadata: meta.httpMetadata } : {}),
    ...(include.custom ? { customMetadata: meta.customMetadata } : {}),
    checksums: {},
    storageClass: 'Standard',
  };
}

const ALL = { http: true, custom: true };

function range(options: Record<string, unknown>, size: number): { offset: number; length: number } | undefined {
  const r = options.range;
  if (r === undefined || r === null) return undefined;
  const spec = optionsArg(r, 'get() range');
  if (spec.suffix !== undefined) {
    const suffix = Math.min(Number(spec.suffix), size);
    return { offset: size - suffix, length: suffix };
  }
  const offset = Number(spec.offset ?? 0);
  const length = spec.length === undefined ? size - offset : Number(spec.length);
  if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset > size) {
    throw new RangeError(`get: The requested range is not satisfiable. (10039)`);
  }
  return { offset, length: Math.min(length, size - offset) };
}

export interface R2Bucket {
  put(key: unknown, value: unknown, options?: unknown): Promise<unknown>;
  get(key: unknown, options?: unknown): Promise<unknown>;
  head(key: unknown): Promise<unknown>;
  delete(keys: unknown): Promise<null>;
  list(options?: unknown): Promise<unknown>;
}

/** The R2 bucket stored in `space`; `now()` (ms) stamps `uploaded`. */
export function createR2Bucket(store: BindingStore, space: string, now: () => number): R2Bucket {
  return {
    async put(keyArg, value, optionsValue) {
      const key = checkKey('put', keyArg);
      const bytes =
        value === null || value === undefined
          ? new Uint8Array()
          : typeof value === 'string'
            ? utf8(value)
            : taggedBytes(value);
      if (bytes === undefined) {
        throw new TypeError(`R2 put() takes a str, bytes or None as the value, not ${typeName(value)}`);
      }
      const options = optionsArg(optionsValue, 'put() options');
      const meta: R2Meta = {
        version: crypto.randomUUID().replaceAll('-', ''),
        etag: await etagOf(bytes),
        uploaded: now(),
        httpMetadata: optionsArg(options.httpMetadata, 'httpMetadata') as Record<string, Json>,
        customMetadata: optionsArg(options.customMetadata, 'customMetadata') as Record<string, string>,
      };
      await store.put(space, { key, value: bytes, meta: meta as unknown as Json });
      return objectInfo(key, bytes.length, meta, ALL);
    },
    async get(keyArg, optionsValue) {
      const key = checkKey('get', keyArg);
      const record = await store.get(space, key);
      if (!record) return null;
      const r = range(optionsArg(optionsValue, 'get() options'), record.value.length);
      const body = r ? record.value.subarray(r.offset, r.offset + r.length) : record.value;
      return {
        ...objectInfo(key, record.value.length, record.meta as unknown as R2Meta, ALL),
        ...(r ? { range: r } : {}),
        body: bytesTag(body),
      };
    },
    async head(keyArg) {
      const key = checkKey('head', keyArg);
      const record = await store.get(space, key);
      return record ? objectInfo(key, record.value.length, record.meta as unknown as R2Meta, ALL) : null;
    },
    async delete(keys) {
      const list = Array.isArray(keys) ? keys : [keys];
      if (list.length > R2_LIMITS.deleteKeys) {
        throw new Error(`delete: You can delete at most ${R2_LIMITS.deleteKeys} keys at once. (10001)`);
      }
      for (const key of list) await store.delete(space, checkKey('delete', key));
      return null;
    },
    async list(optionsValue) {
      const options = optionsArg(optionsValue, 'list() options');
      const prefix = typeof options.prefix === 'string' ? options.prefix : '';
      const limit =
        options.limit === undefined || options.limit === null ? R2_LIMITS.listObjects : Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > R2_LIMITS.listObjects) {
        throw new RangeError(`list: MaxKeys params must be positive integer <= ${R2_LIMITS.listObjects}. (10022)`);
      }
      const after =
        decodeCursor(options.cursor) ?? (typeof options.startAfter === 'string' ? options.startAfter : undefined);
      const delimiter =
        typeof options.delimiter === 'string' && options.delimiter !== '' ? options.delimiter : undefined;
      const include = Array.isArray(options.include) ? options.include : [];
      const shown = { http: include.includes('httpMetadata'), custom: include.includes('customMetadata') };
      const objects: unknown[] = [];
      const prefixes: string[] = [];
      let last: string | undefined;
      let truncated = false;
      for (const record of await store.list(space, prefix)) {
        if (after !== undefined && record.key <= after) continue;
        const rest = record.key.slice(prefix.length);
        const cut = delimiter === undefined ? -1 : rest.indexOf(delimiter);
        const folder = cut < 0 ? undefined : prefix + rest.slice(0, cut + delimiter!.length);
        if (folder !== undefined && prefixes.includes(folder)) continue;
        if (objects.length + prefixes.length >= limit) {
          truncated = true;
          break;
        }
        if (folder !== undefined) prefixes.push(folder);
        else objects.push(objectInfo(record.key, record.value.length, record.meta as unknown as R2Meta, shown));
        last = record.key;
      }
      return {
        objects,
        truncated,
        ...(truncated && last !== undefined ? { cursor: encodeCursor(last) } : {}),
        delimitedPrefixes: prefixes,
      };
    },
  };
}
