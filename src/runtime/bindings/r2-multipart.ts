/**
 * R2 multipart uploads as Cloudflare's binding has them: `createMultipartUpload(key, {httpMetadata,
 * customMetadata})` → `{key, uploadId}`; `uploadPart(key, uploadId, partNumber, value)` → `{partNumber, etag}`;
 * `completeMultipartUpload(key, uploadId, parts)` joins the listed parts in order into the object (what `put`
 * returns); `abortMultipartUpload(key, uploadId)` drops them. Parts live in the bucket's store under a space of
 * their own (not listed with the objects), so an upload survives a restart as on R2. Every part but the last must
 * be at least 5 MiB, as R2 requires; errors carry R2's messages and codes.
 */
import type { BindingStore, Json } from '../../engine';
import type { R2Bucket } from './r2';
import { bytesTag, optionsArg, taggedBytes, typeName, utf8 } from './values';

export const R2_MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PART_NUMBER = 10_000;

interface UploadMeta {
  key: string;
  options: Record<string, Json>;
}

export interface R2Multipart {
  createMultipartUpload(key: unknown, options?: unknown): Promise<{ key: string; uploadId: string }>;
  uploadPart(key: unknown, uploadId: unknown, partNumber: unknown, value: unknown): Promise<unknown>;
  completeMultipartUpload(key: unknown, uploadId: unknown, parts: unknown): Promise<unknown>;
  abortMultipartUpload(key: unknown, uploadId: unknown): Promise<null>;
}

async function etagOf(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return [...digest.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Multipart uploads into `bucket`, whose contents are in `space` of `store`. */
export function createR2Multipart(store: BindingStore, space: string, bucket: R2Bucket): R2Multipart {
  const uploads = `${space}#multipart`;
  const upload = async (op: string, key: unknown, uploadId: unknown): Promise<UploadMeta> => {
    const record = typeof uploadId === 'string' ? await store.get(uploads, uploadId) : undefined;
    const meta = record?.meta as unknown as UploadMeta | undefined;
    if (!meta || meta.key !== key) throw new Error(`${op}: The specified multipart upload does not exist. (10024)`);
    return meta;
  };
  const partKey = (uploadId: string, n: number) => `${uploadId}/${String(n).padStart(5, '0')}`;
  const drop = async (uploadId: string) => {
    for (const part of await store.list(uploads, `${uploadId}/`)) await store.delete(uploads, part.key);
    await store.delete(uploads, uploadId);
  };
  return {
    async createMultipartUpload(key, optionsValue) {
      if (typeof key !== 'string')
        throw new TypeError(`R2 createMultipartUpload() key must be a str, not ${typeName(key)}`);
      const options = optionsArg(optionsValue, 'createMultipartUpload() options') as Record<string, Json>;
      const uploadId = crypto.randomUUID().replaceAll('-', '');
      const meta: UploadMeta = { key, options };
      await store.put(uploads, { key: uploadId, value: new Uint8Array(), meta: meta as unknown as Json });
      return { key, uploadId };
    },
    async uploadPart(key, uploadId, partNumber, value) {
      await upload('uploadPart', key, uploadId);
      const n = Number(partNumber);
      if (!Number.isInteger(n) || n < 1 || n > MAX_PART_NUMBER) {
        throw new RangeError(`uploadPart: Part number must be an integer between 1 and ${MAX_PART_NUMBER}. (10029)`);
      }
      const bytes = typeof value === 'string' ? utf8(value) : taggedBytes(value);
      if (bytes === undefined) throw new TypeError(`R2 uploadPart() takes a str or bytes, not ${typeName(value)}`);
      const etag = await etagOf(bytes);
      await store.put(uploads, { key: partKey(uploadId as string, n), value: bytes, meta: { etag } });
      return { partNumber: n, etag };
    },
    async completeMultipartUpload(key, uploadId, partsValue) {
      const meta = await upload('completeMultipartUpload', key, uploadId);
      const listed = Array.isArray(partsValue) ? (partsValue as { partNumber?: unknown; etag?: unknown }[]) : [];
      const chunks: Uint8Array[] = [];
      for (const part of listed) {
        const found = await store.get(uploads, partKey(uploadId as string, Number(part?.partNumber)));
        if (!found || (found.meta as { etag?: string }).etag !== part?.etag) {
          throw new Error('completeMultipartUpload: One or more of the specified parts could not be found. (10025)');
        }
        chunks.push(found.value);
      }
      if (chunks.slice(0, -1).some((c) => c.length < R2_MIN_PART_BYTES)) {
        throw new Error(
          'completeMultipartUpload: Your proposed upload is smaller than the minimum allowed object size. (10011)',
        );
      }
      const whole = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        whole.set(c, at);
        at += c.length;
      }
      const object = await bucket.put(meta.key, bytesTag(whole), meta.options);
      await drop(uploadId as string);
      return object;
    },
    async abortMultipartUpload(key, uploadId) {
      await upload('abortMultipartUpload', key, uploadId);
      await drop(uploadId as string);
      return null;
    },
  };
}
