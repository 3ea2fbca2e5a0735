/**
 * The snapshot shipped with the studio, with real Pyodide from node_modules: the one the build makes
 * (`makePythonSnapshot`, the Vite plugin's own function) restores through `bootPython`, and every way it can
 * fail (missing, not a snapshot, truncated, another Pyodide build, another origin) falls back to a plain load
 * with a console warning and `snapshot: 'shipped-failed'` in the ready answer.
 */
import { loadPyodide, version as pyodideVersion } from 'pyodide';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makePythonSnapshot } from '../../vite-plugins/python-snapshot';
import { createRealClock } from '../engine';
import type { BootProgress } from '../protocol';
import { readSdkSources } from '../runtime/node';
import { type BootPythonDeps, bootPython, type LoadPyodideOptions } from './boot-python';
import { checkSnapshotShape, fetchShippedSnapshot, shippedSnapshotPath } from './shipped-snapshot';

const sdkSources = readSdkSources();
const quiet = { stdout: () => {}, stderr: () => {} };
const INDEX_URL = 'http://127.0.0.1:4173/pyodide/';
let shipped: { key: string; bytes: Uint8Array; gzipped: Uint8Array };

beforeAll(async () => {
  shipped = await makePythonSnapshot(sdkSources);
}, 120_000);

afterEach(() => {
  vi.restoreAllMocks();
});

/** Real Pyodide; `indexURL` dropped, so Node loads the runtime from node_modules. */
const realLoad = (options: LoadPyodideOptions) =>
  loadPyodide({ ...quiet, ...options, indexURL: undefined } as Parameters<typeof loadPyodide>[0]);

/** An empty snapshot store (a first visit), recording what the boot asked of it. */
function emptyRepo() {
  const asked: string[] = [];
  return {
    asked,
    repo: {
      has: async (key: string) => {
        asked.push(`has ${key}`);
        return false;
      },
      get: async () => undefined,
      delete: async (key: string) => void asked.push(`delete ${key}`),
    },
  };
}

async function boot(fetchShippedSnapshot: BootPythonDeps['fetchShippedSnapshot']) {
  const phases: BootProgress['phase'][] = [];
  const booted = await bootPython(INDEX_URL, {
    loadPyodide: realLoad,
    pyodideVersion,
    sdkSources,
    snapshots: emptyRepo().repo,
    ...(fetchShippedSnapshot ? { fetchShippedSnapshot } : {}),
    now: () => performance.now(),
    progress: (phase) => phases.push(phase),
  });
  return { booted, phases };
}

/** Imports a workflow file into the booted runtime: the SDK restored from the snapshot works. */
function loadsWorkflow(booted: Awaited<ReturnType<typeof bootPython>>): boolean {
  const source =
    'from workers import WorkflowEntrypoint\n\nclass Greeter(WorkflowEntrypoint):\n    async def run(self, event, step):\n        return "hi"\n';
  const clock = createRealClock({ now: Date.now, setTimeout, clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) });
  const loaded = booted.runtime.loadModule({
    source,
    clock,
    binding: () => {
      throw new Error('no bindings in this test');
    },
  });
  return loaded.ok;
}

describe('a shipped snapshot', () => {
  it('made in Node by the build is restored on a first visit, runs a workflow file and is kept for next time', async () => {
    const fetched: string[] = [];
    // The served file, gzipped, through the worker's own fetch-and-inflate.
    const serve = async (url: URL | RequestInfo) => {
      fetched.push(String(url));
      return new Response(shipped.gzipped.slice());
    };
    const source = { fetch: serve as typeof fetch, origin: new URL(INDEX_URL).origin };
    const { booted, phases } = await boot((key) => fetchShippedSnapshot(INDEX_URL, key, source));
    expect(fetched).toEqual([`${INDEX_URL}${shippedSnapshotPath(shipped.key)}`]);
    expect(shipped.gzipped.byteLength).toBeLessThan(shipped.bytes.byteLength / 3);
    expect(phases).toEqual(['reading-snapshot', 'fetching-snapshot']);
    expect(booted.ready).toMatchObject({ warm: true, snapshot: 'shipped', snapshotBytes: shipped.bytes.byteLength });
    expect(booted.ready.phases).toHaveProperty('snapshot-fetch');
    // Compared by identity: a failed deep comparison of 30 MB would print (and exhaust the heap on) every byte.
    expect(booted.pendingSnapshot?.key).toBe(shipped.key);
    expect(booted.pendingSnapshot?.bytes.byteLength).toBe(shipped.bytes.byteLength);
    expect(loadsWorkflow(booted)).toBe(true);
  }, 60_000);

  it('does not hand every restore the same random numbers', async () => {
    const draws = [];
    for (let i = 0; i < 2; i++) {
      const { booted } = await boot(async () => shipped.bytes);
      draws.push(booted.pyodide.runPython('import random; random.random()'));
    }
    expect(draws[0]).not.toBe(draws[1]);
  }, 60_000);
});

describe('a shipped snapshot that cannot be used', () => {
  const cases: Array<[string, () => Promise<Uint8Array>, RegExp]> = [
    ['missing (404)', () => Promise.reject(new Error('404 Not Found for …/snapshots/x.bin.gz')), /404 Not Found/],
    ['too small to be one', async () => checked(new Uint8Array(1000)), /too small/],
    ['not a snapshot', async () => checked(new TextEncoder().encode('<!doctype html>'.repeat(9000))), /magic number/],
    ['truncated', async () => checked(shipped.bytes.subarray(0, shipped.bytes.byteLength - 4096)), /truncated/],
    [
      'made by another Pyodide build',
      async () => shipped.bytes.slice().fill(0xab, 16, 48),
      /Snapshot build id mismatch/,
    ],
  ];
  for (const [what, fetchShipped, reason] of cases) {
    it(`falls back to a plain load with a warning when it is ${what}`, async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const { booted, phases } = await boot(fetchShipped);
      expect(booted.ready).toMatchObject({ warm: false, snapshot: 'shipped-failed' });
      expect(phases).toEqual(['reading-snapshot', 'fetching-snapshot', 'loading-python', 'installing-sdk']);
      const call = warn.mock.calls.find(([m]) => String(m).includes('shipped with the studio'));
      expect(call?.[0]).toBe(
        'The Python start-up snapshot shipped with the studio could not be used; loading Python plainly.',
      );
      expect(String(call?.[1])).toMatch(reason);
      // The plain load made this browser's own snapshot, so the next visit is warm anyway.
      expect(booted.pendingSnapshot?.key).toBe(shipped.key);
      expect(loadsWorkflow(booted)).toBe(true);
    }, 60_000);
  }
});

/** Bytes through the same shape check `fetchShippedSnapshot` applies. */
function checked(bytes: Uint8Array): Uint8Array {
  checkSnapshotShape(bytes);
  return bytes;
}

describe('fetchShippedSnapshot()', () => {
  const respond = (body: BodyInit, status = 200) =>
    vi.fn(async (_url: URL) => new Response(body, { status, statusText: status === 200 ? 'OK' : 'Not Found' }));
  const origin = 'http://127.0.0.1:4173';

  it('fetches the snapshot for the key from under indexURL, on our origin', async () => {
    const fetch = respond(shipped.bytes.slice());
    const bytes = await fetchShippedSnapshot(INDEX_URL, 'k1', { fetch: fetch as typeof globalThis.fetch, origin });
    expect(fetch.mock.calls[0]?.[0].href).toBe(`${INDEX_URL}${shippedSnapshotPath('k1')}`);
    expect(bytes.byteLength).toBe(shipped.bytes.byteLength);
    expect(bytes.subarray(0, 48)).toEqual(shipped.bytes.subarray(0, 48));
  });

  it('inflates the gzipped file the build serves', async () => {
    const fetch = respond(shipped.gzipped.slice()) as typeof globalThis.fetch;
    const bytes = await fetchShippedSnapshot(INDEX_URL, 'k1', { fetch, origin });
    expect(bytes.byteLength).toBe(shipped.bytes.byteLength);
    expect(bytes.subarray(0, 48)).toEqual(shipped.bytes.subarray(0, 48));
  });

  it('rejects a gzip file that is cut short', async () => {
    const cut = respond(shipped.gzipped.slice(0, 100_000)) as typeof globalThis.fetch;
    await expect(fetchShippedSnapshot(INDEX_URL, 'k1', { fetch: cut, origin })).rejects.toThrow();
  });

  it('refuses another origin without asking it', async () => {
    const fetch = respond(shipped.bytes.slice());
    // Another port of the same host is another origin too; nothing here names a host off this machine.
    await expect(
      fetchShippedSnapshot('http://127.0.0.1:9999/pyodide/', 'k1', { fetch: fetch as typeof globalThis.fetch, origin }),
    ).rejects.toThrow(
      'The shipped snapshot is only fetched from this site (http://127.0.0.1:4173), not from http://127.0.0.1:9999',
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it('says what went wrong: an error status, or bytes that are not a snapshot', async () => {
    const notFound = respond('no such file', 404) as typeof globalThis.fetch;
    await expect(fetchShippedSnapshot(INDEX_URL, 'k1', { fetch: notFound, origin })).rejects.toThrow(
      `404 Not Found for ${INDEX_URL}snapshots/k1.bin.gz`,
    );
    const html = respond('<!doctype html>'.repeat(9000)) as typeof globalThis.fetch;
    await expect(fetchShippedSnapshot(INDEX_URL, 'k1', { fetch: html, origin })).rejects.toThrow(
      'The snapshot does not start with Pyodide’s magic number',
    );
  });
});
