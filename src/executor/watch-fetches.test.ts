import { describe, expect, it } from 'vitest';
import { failOnRuntimeFetchError } from './watch-fetches';

const ok = () => new Response('x', { status: 200 });

describe('failOnRuntimeFetchError()', () => {
  it('fails a load that would hang when a runtime fetch is refused, and restores fetch', async () => {
    const original = (async (input: RequestInfo | URL) => {
      if (String(input).endsWith('.wasm')) throw new TypeError('Failed to fetch');
      return ok();
    }) as typeof fetch;
    const scope = { fetch: original };
    const hanging = failOnRuntimeFetchError(scope, 'http://x/py/', async () => {
      await scope.fetch('http://x/py/pyodide-lock.json');
      void scope.fetch('http://x/py/pyodide.asm.wasm').catch(() => {}); // Pyodide swallows this one
      return new Promise(() => {});
    });
    await expect(hanging).rejects.toThrow(new TypeError('Failed to fetch'));
    expect(scope.fetch).toBe(original);
  });

  it('fails on an error status of a runtime file, and ignores fetches elsewhere', async () => {
    const scope = {
      fetch: (async (input: RequestInfo | URL) =>
        String(input).includes('/py/')
          ? new Response('', { status: 404, statusText: 'Not Found' })
          : ok()) as typeof fetch,
    };
    const elsewhere = await failOnRuntimeFetchError(scope, 'http://x/py/', async () => {
      await scope.fetch('http://x/other.json');
      return 'loaded';
    });
    expect(elsewhere).toBe('loaded');
    const missing = failOnRuntimeFetchError(scope, 'http://x/py/', async () => {
      await scope.fetch('http://x/py/python_stdlib.zip');
      return new Promise(() => {});
    });
    await expect(missing).rejects.toThrow('404 Not Found for http://x/py/python_stdlib.zip');
  });
});
