import { describe, expect, it } from 'vitest';
import { readSdkSources } from './node';
import { normalizeSdkSources, sdkHash } from './sdk-sources';

describe('normalizeSdkSources()', () => {
  it('accepts import.meta.glob modules and absolute paths, keyed as workers/<file>.py', () => {
    const files = normalizeSdkSources({
      './python/workers/__init__.py': { default: 'init' },
      '/abs/workers/src/runtime/python/workers/workflows.py': 'wf',
      'C:\\repo\\python\\workers\\_host.py': 'host',
      './python/README.md': 'ignored',
      './python/not_workers/x.py': 'ignored',
    });
    expect([...files.entries()]).toEqual([
      ['workers/__init__.py', 'init'],
      ['workers/_host.py', 'host'],
      ['workers/workflows.py', 'wf'],
    ]);
  });

  it('names the files that are missing', () => {
    expect(() => normalizeSdkSources({ 'workers/__init__.py': '' })).toThrow(
      'The workers SDK sources are incomplete: missing workers/workflows.py, workers/_host.py. Pass every .py file under src/runtime/python/workers/.',
    );
  });
});

describe('sdkHash()', () => {
  it('is stable for the same sources and changes with any edit', () => {
    const sources = readSdkSources();
    expect(sdkHash(sources)).toMatch(/^[0-9a-f]{8}$/);
    expect(sdkHash({ ...sources })).toBe(sdkHash(sources));
    const [first] = Object.keys(sources);
    expect(sdkHash({ ...sources, [first as string]: `${sources[first as string]}\n` })).not.toBe(sdkHash(sources));
  });
});
