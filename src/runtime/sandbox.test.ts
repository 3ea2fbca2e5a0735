/**
 * Workflow code is untrusted: in Node (as in the CLI) it gets the workflow scope as `js`, and every route to the
 * host's global scope that we know of is refused with the one message. The same probes run in the browser in
 * e2e/sandbox.e2e.ts.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPyodide } from 'pyodide';
import { describe, expect, it } from 'vitest';
import type { AttemptFailedEvent } from '../engine';
import { createPythonRuntime } from './python-runtime';
import { readSdkSources } from './sdk-files';
import { HEADER, ofType, setupPythonRuntime } from './test-runtime';
import { refusalMessage, SANDBOX_REASON } from './workflow-globals';

const python = setupPythonRuntime();
const { runOnce } = python;

const PROBES = readFileSync(new URL('./__fixtures__/escape_probes.py', import.meta.url), 'utf8');

describe('workflow code and the host', () => {
  it('refuses every name and escape route of the probe workflow with the one message', async () => {
    const { view } = await runOnce(PROBES);
    expect(view.status).toBe('complete');
    const results = view.output as Record<string, string>;
    expect(Object.keys(results)).toHaveLength(32);
    for (const [probe, result] of Object.entries(results)) {
      expect(result, probe).toContain(`in the studio: ${SANDBOX_REASON}`);
    }
    // What the user reads, for a name, an import and a change.
    expect(results['js.indexedDB']).toBe(`JsRefusedError: ${refusalMessage('js.indexedDB')}`);
    expect(results['from js import']).toBe(`JsRefusedError: ${refusalMessage('js.indexedDB')}`);
    expect(results['js.process']).toBe(`JsRefusedError: ${refusalMessage('js.process')}`);
    expect(results['replace js.fetch']).toBe(`JsRefusedError: ${refusalMessage('a change to js.fetch')}`);
    expect(results['constructor.constructor']).toBe(
      `JsException: NonRetryableError: ${refusalMessage('js Function (code compiled from a string)')}`,
    );
    expect(results['async constructor']).toContain(refusalMessage('js AsyncFunction (code compiled from a string)'));
    expect(results['pyodide_js._module']).toContain(refusalMessage('pyodide_js._module'));
    expect(results['os.system']).toBe(`JsRefusedError: ${refusalMessage('os.system')}`);
  });

  it('runs no code from strings and no shell command through C (ctypes), and Python survives the attempt', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'sandbox-')), 'shell-ran');
    const { view } = await runOnce(`${HEADER}
import ctypes

class Native(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def native():
            libc = ctypes.CDLL(None)
            return [
                libc.system(b"touch ${marker}"),
                libc.emscripten_run_script(b"globalThis.__sandboxPwned = 1"),
                libc.emscripten_run_script_int(b"globalThis.__sandboxPwned = 2"),
            ]

        return await native()
`);
    expect(view.status).toBe('complete');
    expect(view.output).toEqual([127 << 8, 0, 0]); // a shell that found no command; nothing evaluated
    expect(existsSync(marker)).toBe(false);
    expect((globalThis as { __sandboxPwned?: unknown }).__sandboxPwned).toBeUndefined();
    expect(python.pyodide.runPython('1 + 1')).toBe(2);
  });

  it('fails a step that is refused at once, not after retries, naming what was refused', async () => {
    const { view, journal } = await runOnce(`${HEADER}
class Reader(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("read the journals")
        async def read():
            from js import indexedDB
            return indexedDB.databases()

        return await read()
`);
    const failed = ofType(journal, 'attempt-failed') as AttemptFailedEvent[];
    expect(failed).toHaveLength(1);
    expect(failed[0]?.error.name).toBe('NonRetryableError');
    expect(failed[0]?.error.message).toBe(refusalMessage('js.indexedDB'));
    expect(failed[0]?.error.traceback).toContain('from js import indexedDB');
    expect(view.status).toBe('errored');
  });

  it("keeps Cloudflare's js examples working: Object, JSON, Response, console, to_js(dict_converter=Object.fromEntries)", async () => {
    const { view } = await runOnce(`${HEADER}
from js import Object, fetch, Response, JSON, console, Date, Math, Promise, Uint8Array, TextEncoder, TextDecoder, URL, Headers
from pyodide.ffi import to_js

class Examples(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def use_js():
            payload = to_js({"order": "A-17", "items": [1, 2]}, dict_converter=Object.fromEntries)
            console.log("sending", JSON.stringify(payload))
            response = Response.new(JSON.stringify(payload), headers=to_js({"content-type": "application/json"}, dict_converter=Object.fromEntries))
            body = (await response.json()).to_py()
            data = TextDecoder.new().decode(TextEncoder.new().encode("héllo"))
            return {
                "body": body,
                "type": response.headers.get("content-type"),
                "text": data,
                "bytes": Uint8Array.new([1, 2, 3]).length,
                "host": URL.new("https://example.com/a?b=1").host,
                "max": Math.max(3, 7),
                "is_date": Date.new(0).getTime() == 0,
                "has": Headers.new().has("x"),
                "resolved": await Promise.resolve(5),
                "fetch_is_callable": callable(fetch),
            }

        return await use_js()
`);
    expect(view.status).toBe('complete');
    expect(view.output).toEqual({
      body: { order: 'A-17', items: [1, 2] },
      type: 'application/json',
      text: 'héllo',
      bytes: 3,
      host: 'example.com',
      max: 7,
      is_date: true,
      has: false,
      resolved: 5,
      fetch_is_callable: true,
    });
  });

  it("gives workflow code none of Node's file system: the host's files and the CLI's journal are not there", async () => {
    const { view } = await runOnce(`${HEADER}
import os

class Files(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def look():
            out = []
            for path in ${JSON.stringify([process.cwd(), '/etc/hostname', `${process.cwd()}/package.json`])}:
                out.append(os.path.exists(path))
            return out

        return await look()
`);
    expect(view.output).toEqual([false, false, false]);
  });

  it('keeps the refusals after the runtime is asked for again (createPythonRuntime is idempotent)', () => {
    const runtime = createPythonRuntime({ pyodide: python.pyodide, sources: readSdkSources() });
    expect(runtime).toBeDefined();
    expect(() => python.pyodide.runPython('import js; js.indexedDB')).toThrow(refusalMessage('js.indexedDB'));
  });

  it('refuses to run workflow code in a Pyodide whose js is the host’s global scope', async () => {
    const plain = await loadPyodide({ stdout: () => {}, stderr: () => {} });
    expect(() => createPythonRuntime({ pyodide: plain, sources: readSdkSources() })).toThrow(
      'This Pyodide gives Python the host’s whole global scope as `js`',
    );
  });
});
