import { describe, expect, it } from 'vitest';
import { createMemoryBindingStore } from '../../engine';
import { createR2Bucket } from './r2';
import { createR2Multipart, R2_MIN_PART_BYTES } from './r2-multipart';
import { bytesTag, fromUtf8, taggedBytes } from './values';

function setup() {
  const store = createMemoryBindingStore();
  const bucket = createR2Bucket(store, 'f/r2/B', () => 0);
  return { bucket, multipart: createR2Multipart(store, 'f/r2/B', bucket) };
}

const text = async (bucket: ReturnType<typeof setup>['bucket'], key: string) => {
  const found = (await bucket.get(key)) as { body: unknown } | null;
  return found && fromUtf8(taggedBytes(found.body) as Uint8Array);
};

describe('R2 multipart uploads', () => {
  it('joins the listed parts in order into one object with the upload metadata; parts are not listed', async () => {
    const { bucket, multipart } = setup();
    const up = await multipart.createMultipartUpload('big', { customMetadata: { kind: 'mp' } });
    expect(up).toEqual({ key: 'big', uploadId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const first = 'A'.repeat(R2_MIN_PART_BYTES);
    const p2 = await multipart.uploadPart('big', up.uploadId, 2, bytesTag(new TextEncoder().encode('tail')));
    const p1 = await multipart.uploadPart('big', up.uploadId, 1, first);
    expect(p1).toEqual({ partNumber: 1, etag: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(((await bucket.list()) as { objects: unknown[] }).objects).toEqual([]);
    const object = await multipart.completeMultipartUpload('big', up.uploadId, [p1, p2]);
    expect(object).toMatchObject({ key: 'big', size: R2_MIN_PART_BYTES + 4, customMetadata: { kind: 'mp' } });
    expect(await text(bucket, 'big')).toBe(`${first}tail`);
    await expect(multipart.uploadPart('big', up.uploadId, 3, 'x')).rejects.toThrow(
      'uploadPart: The specified multipart upload does not exist. (10024)',
    );
  });

  it("refuses what R2 refuses, with R2's messages; abort leaves no object", async () => {
    const { bucket, multipart } = setup();
    const up = await multipart.createMultipartUpload('k');
    const small = await multipart.uploadPart('k', up.uploadId, 1, 'small');
    const last = await multipart.uploadPart('k', up.uploadId, 2, 'last');
    await expect(multipart.completeMultipartUpload('k', up.uploadId, [small, last])).rejects.toThrow(
      'completeMultipartUpload: Your proposed upload is smaller than the minimum allowed object size. (10011)',
    );
    await expect(
      multipart.completeMultipartUpload('k', up.uploadId, [{ partNumber: 1, etag: 'not-it' }]),
    ).rejects.toThrow('completeMultipartUpload: One or more of the specified parts could not be found. (10025)');
    await expect(multipart.uploadPart('k', up.uploadId, 0, 'x')).rejects.toThrow(
      'uploadPart: Part number must be an integer between 1 and 10000. (10029)',
    );
    await expect(multipart.uploadPart('other-key', up.uploadId, 1, 'x')).rejects.toThrow('(10024)');
    expect(await multipart.abortMultipartUpload('k', up.uploadId)).toBeNull();
    expect(await bucket.head('k')).toBeNull();
    await expect(multipart.abortMultipartUpload('k', up.uploadId)).rejects.toThrow(
      'abortMultipartUpload: The specified multipart upload does not exist. (10024)',
    );
  });
});
