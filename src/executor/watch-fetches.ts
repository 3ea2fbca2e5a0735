/** The part of the worker global this module patches. */
export interface FetchScope {
  fetch: typeof fetch;
}

/**
 * Runs `load` (a `loadPyodide()` call) and fails it as soon as any fetch under `indexURL` fails or answers
 * with an error status. Pyodide 314 catches a failed wasm fetch inside `instantiateWasm`, logs "wasm
 * instantiation failed" and never settles `loadPyodide()` (https://github.com/pyodide/pyodide/pull/6296);
 * whether the failure also shows up as an unhandled rejection depends on timing, so the boot cannot rely on
 * that. The original `fetch` is restored when `load` settles.
 */
export async function failOnRuntimeFetchError<T>(
  scope: FetchScope,
  indexURL: string,
  load: () => Promise<T>,
): Promise<T> {
  const original = scope.fetch;
  let fail: (error: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  scope.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const response = original(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith(indexURL)) {
      response.then(
        (r) => {
          if (!r.ok) fail(new Error(`${r.status} ${r.statusText || 'error'} for ${url}`));
        },
        (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
      );
    }
    return response;
  }) as typeof fetch;
  try {
    return await Promise.race([load(), failed]);
  } finally {
    scope.fetch = original;
  }
}
