/**
 * A KV namespace as Cloudflare's binding behaves: `get` (text, json, arrayBuffer; one key or up to 100),
 * `getWithMetadata`, `put` (metadata, expiration, expirationTtl), `delete`, `list` (prefix, limit, cursor), with
 * Cloudflare's limits (key ≤ 512 bytes, value ≤ 25 MiB, metadata ≤ 1024 bytes, TTL ≥ 60 s, list ≤ 1000 keys)
 * and messages (`KV PUT failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.`).
 * Expired keys are gone: reads skip them (and drop them) by the host's clock.
 */
import type { BindingStore, Json } from '../../engine';
import {
  byteLength,
  bytesTag,
  decodeCursor,
  encodeCursor,
  fromUtf8,
  optionsArg,
  taggedBytes,
  typeName,
  utf8,
} from './values';

export const KV_LIMITS = {
  keyBytes: 512,
  valueBytes: 25 * 1024 * 1024,
  metadataBytes: 1024,
  minTtlSeconds: 60,
  listKeys: 1000,
  bulkGetKeys: 100,
} as const;

interface KvMeta {
  metadata?: Json;
  expiration?: number;
}

const TYPES = ['text', 'json', 'arrayBuffer', 'stream'];

function fail(op: string, status: number, text: string): never {
  throw new Error(`KV ${op} failed: ${status} ${text}`);
}

function checkKey(op: string, key: unknown): string {
  if (typeof key !== 'string') throw new TypeError(`KV ${op.toLowerCase()}() key must be a str, not ${typeName(key)}`);
  if (key === '') fail(op, 400, 'Key names must not be empty');
  if (key === '.' || key === '..') fail(op, 400, `Illegal key name "${key}". Please use a different name.`);
  const length = byteLength(key);
  if (length > KV_LIMITS.keyBytes) {
    fail(op, 414, `UTF-8 encoded length of ${length} exceeds key length limit of ${KV_LIMITS.keyBytes}.`);
  }
  return key;
}

function readType(arg: unknown): string {
  const type = typeof arg === 'string' ? arg : (optionsArg(arg, 'get() options').type ?? 'text');
  if (typeof type !== 'string' || !TYPES.includes(type)) {
    throw new TypeError(`Unknown response type. Possible types are "text", "arrayBuffer", "json", and "stream".`);
  }
  if (type === 'stream') {
    throw new TypeError(
      'KV get(type="stream") is not supported in Workflow Studio: use "text", "json" or "arrayBuffer"',
    );
  }
  return type;
}

function decode(value: Uint8Array, type: string): unknown {
  if (type === 'arrayBuffer') return bytesTag(value);
  const text = fromUtf8(value);
  return type === 'json' ? JSON.parse(text) : text;
}

export interface KvNamespace {
  get(key: unknown, type?: unknown): Promise<unknown>;
  getWithMetadata(key: unknown, type?: unknown): Promise<unknown>;
  put(key: unknown, value: unknown, options?: unknown): Promise<null>;
  delete(key: unknown): Promise<null>;
  list(options?: unknown): Promise<unknown>;
}

/** The KV namespace stored in `space` of `store`; `now()` is the host's clock in ms (expirations). */
export function createKvNamespace(store: BindingStore, space: string, now: () => number): KvNamespace {
  const nowSeconds = () => Math.floor(now() / 1000);
  const live = async (key: string) => {
    const record = await store.get(space, key);
    const meta = record?.meta as KvMeta | undefined;
    if (record && meta?.expiration !== undefined && meta.expiration <= nowSeconds()) {
      await store.delete(space, key);
      return undefined;
    }
    return record;
  };
  const getOne = async (key: unknown, type: string, withMetadata: boolean) => {
    const record = await live(checkKey('GET', key));
    const value = record ? decode(record.value, type) : null;
    if (!withMetadata) return value;
    return { value, metadata: (record?.meta as KvMeta | undefined)?.metadata ?? null, cacheStatus: null };
  };
  const get = async (keyOrKeys: unknown, typeArg: unknown, withMetadata: boolean) => {
    const type = readType(typeArg);
    if (!Array.isArray(keyOrKeys)) return getOne(keyOrKeys, type, withMetadata);
    if (type === 'arrayBuffer')
      fail('GET_BULK', 400, 'arrayBuffer is not a valid type for bulk get: use "text" or "json"');
    if (keyOrKeys.length > KV_LIMITS.bulkGetKeys) {
      fail('GET_BULK', 400, `You can request a maximum of ${KV_LIMITS.bulkGetKeys} keys`);
    }
    const out: Record<string, unknown> = {};
    for (const key of keyOrKeys) out[checkKey('GET_BULK', key)] = await getOne(key, type, withMetadata);
    return { $type: 'dict', entries: out };
  };
  return {
    get: (key, type) => get(key, type, false),
    getWithMetadata: (key, type) => get(key, type, true),
    async put(keyArg, value, optionsValue) {
      const key = checkKey('PUT', keyArg);
      const bytes = typeof value === 'string' ? utf8(value) : taggedBytes(value);
      if (bytes === undefined) {
        throw new TypeError(
          `KV put() accepts only strings, ArrayBuffers, ArrayBufferViews, and ReadableStreams as values (got ${typeName(value)}).`,
        );
      }
      if (bytes.length > KV_LIMITS.valueBytes) {
        fail('PUT', 413, `Value length of ${bytes.length} exceeds limit of ${KV_LIMITS.valueBytes}.`);
      }
      const options = optionsArg(optionsValue, 'put() options');
      const meta: KvMeta = {};
      const current = nowSeconds();
      if (options.expirationTtl !== undefined && options.expirationTtl !== null) {
        const ttl = Number(options.expirationTtl);
        if (!Number.isFinite(ttl) || ttl <= 0) {
          fail(
            'PUT',
            400,
            `Invalid expiration_ttl of ${options.expirationTtl}. Please specify integer greater than 0.`,
          );
        }
        if (ttl < KV_LIMITS.minTtlSeconds) {
          fail(
            'PUT',
            400,
            `Invalid expiration_ttl of ${ttl}. Expiration TTL must be at least ${KV_LIMITS.minTtlSeconds}.`,
          );
        }
        meta.expiration = current + Math.floor(ttl);
      } else if (options.expiration !== undefined && options.expiration !== null) {
        const at = Number(options.expiration);
        if (!Number.isFinite(at) || at <= current) {
          fail(
            'PUT',
            400,
            `Invalid expiration of ${options.expiration}. Please specify integer greater than the current number of seconds since the UNIX epoch.`,
          );
        }
        if (at < current + KV_LIMITS.minTtlSeconds) {
          fail(
            'PUT',
            400,
            `Invalid expiration of ${options.expiration}. Expiration times must be at least ${KV_LIMITS.minTtlSeconds} seconds in the future.`,
          );
        }
        meta.expiration = Math.floor(at);
      }
      if (options.metadata !== undefined && options.metadata !== null) {
        const length = byteLength(JSON.stringify(options.metadata));
        if (length > KV_LIMITS.metadataBytes) {
          fail('PUT', 413, `Metadata length of ${length} exceeds limit of ${KV_LIMITS.metadataBytes}.`);
        }
        meta.metadata = options.metadata as Json;
      }
      await store.put(space, { key, value: bytes, meta: meta as Json });
      return null;
    },
    async delete(keyArg) {
      await store.delete(space, checkKey('DELETE', keyArg));
      return null;
    },
    async list(optionsValue) {
      const options = optionsArg(optionsValue, 'list() options');
      const prefix = options.prefix ?? '';
      if (typeof prefix !== 'string') throw new TypeError(`list() prefix must be a str, not ${typeName(prefix)}`);
      if (byteLength(prefix) > KV_LIMITS.keyBytes) {
        fail(
          'LIST',
          414,
          `UTF-8 encoded length of ${byteLength(prefix)} exceeds key length limit of ${KV_LIMITS.keyBytes}.`,
        );
      }
      const limit = options.limit === undefined || options.limit === null ? KV_LIMITS.listKeys : Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        fail('LIST', 400, `Invalid key_count_limit of ${options.limit}. Please specify an integer greater than 0.`);
      }
      if (limit > KV_LIMITS.listKeys) {
        fail(
          'LIST',
          400,
          `Invalid key_count_limit of ${limit}. Please specify an integer less than ${KV_LIMITS.listKeys}.`,
        );
      }
      const after = decodeCursor(options.cursor);
      const current = nowSeconds();
      const all = (await store.list(space, prefix)).filter((r) => {
        const meta = r.meta as KvMeta;
        return (meta.expiration === undefined || meta.expiration > current) && (after === undefined || r.key > after);
      });
      const page = all.slice(0, limit);
      const keys = page.map((r) => {
        const meta = r.meta as KvMeta;
        return {
          name: r.key,
          ...(meta.expiration !== undefined ? { expiration: meta.expiration } : {}),
          ...(meta.metadata !== undefined ? { metadata: meta.metadata } : {}),
        };
      });
      const complete = all.length <= limit;
      const last = page.at(-1);
      return {
        keys,
        list_complete: complete,
        ...(complete || !last ? {} : { cursor: encodeCursor(last.key) }),
        cacheStatus: null,
      };
    },
  };
}
