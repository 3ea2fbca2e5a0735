import { describe, expect, it } from 'vitest';
import { createMemoryBindingStore } from '../../engine';
import { createR2Bucket } from './r2';
import { bytesTag, utf8 } from './values';

const NOW = Date.UTC(2026, 0, 1);
const bucket = () => createR2Bucket(createMemoryBindingStore(), 'f/r2/B', () => NOW);

describe('R2 bucket', () => {
  it('puts, heads and gets objects with their metadata; a missing object is null', async () => {
    const b = bucket();
    const put = (await b.put('files/a.txt', 'hello', {
      httpMetadata: { contentType: 'text/plain' },
      customMetadata: { by: 'ada' },
    })) as Record<string, unknown>;
    expect(put).toMatchObject({
      key: 'files/a.txt',
      size: 5,
      storageClass: 'Standard',
      uploaded: { $type: 'datetime', ms: NOW },
    });
    expect(put.httpEtag).toBe(`"${put.etag}"`);
    expect(put.etag).toMatch(/^[0-9a-f]{32}$/);
    expect(await b.head('files/a.txt')).toMatchObject({
      httpMetadata: { contentType: 'text/plain' },
      customMetadata: { by: 'ada' },
    });
    expect(await b.get('files/a.txt')).toMatchObject({ key: 'files/a.txt', body: bytesTag(utf8('hello')) });
    expect(await b.get('files/a.txt', { range: { offset: 1, length: 3 } })).toMatchObject({
      body: bytesTag(utf8('ell')),
    });
    expect(await b.get('files/a.txt', { range: { suffix: 2 } })).toMatchObject({ body: bytesTag(utf8('lo')) });
    expect(await b.get('nope')).toBeNull();
    expect(await b.head('nope')).toBeNull();
    expect(await b.put('empty', null)).toMatchObject({ size: 0 });
  });

  it('deletes one key or many, and lists with prefix, pages and a delimiter', async () => {
    const b = bucket();
    for (const key of ['d/x/1', 'd/x/2', 'd/y/1', 'd/root', 'e/1']) await b.put(key, key);
    const keys = (page: unknown) => (page as { objects: { key: string }[] }).objects.map((o) => o.key);
    const page1 = (await b.list({ prefix: 'd/', limit: 2 })) as { truncated: boolean; cursor: string };
    expect(keys(page1)).toEqual(['d/root', 'd/x/1']);
    expect(page1.truncated).toBe(true);
    const page2 = (await b.list({ prefix: 'd/', limit: 2, cursor: page1.cursor })) as { truncated: boolean };
    expect(keys(page2)).toEqual(['d/x/2', 'd/y/1']);
    expect(page2.truncated).toBe(false);
    const folders = (await b.list({ prefix: 'd/', delimiter: '/' })) as { delimitedPrefixes: string[] };
    expect(keys(folders)).toEqual(['d/root']);
    expect(folders.delimitedPrefixes).toEqual(['d/x/', 'd/y/']);
    await b.delete('e/1');
    await b.delete(['d/x/1', 'd/x/2']);
    expect(keys(await b.list())).toEqual(['d/root', 'd/y/1']);
  });

  it('refuses bad input', async () => {
    const b = bucket();
    await expect(b.put('k'.repeat(1025), 'v')).rejects.toThrow('put: The specified object name is not valid. (10020)');
    await expect(b.put('k', { a: 1 })).rejects.toThrow('R2 put() takes a str, bytes or None as the value, not object');
    await expect(b.list({ limit: 0 })).rejects.toThrow(
      'list: MaxKeys params must be positive integer <= 1000. (10022)',
    );
    await b.put('k', 'abc');
    await expect(b.get('k', { range: { offset: 9 } })).rejects.toThrow(
      'get: The requested range is not satisfiable. (10039)',
    );
  });
});
