/**
 * `--allow-net ORIGIN`: the CLI's network gate lets workflow code reach the origins named, through all three
 * ways to fetch, and nothing else; a bad origin is bad input (exit 2).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { runBin, tempFile } from './test-io';

let server: Server;
let origin: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json', 'x-rate': '1.08' });
    res.end(JSON.stringify({ path: req.url, eur: 1.08 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

const flow = (base: string) => `from workers import WorkflowEntrypoint, fetch
from js import fetch as js_fetch
from pyodide.http import pyfetch

BASE = "${base}"


class Rates(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("three ways")
        async def three_ways():
            a = await fetch(BASE + "/workers", method="POST", body="{}")
            b = await js_fetch(BASE + "/js")
            c = await pyfetch(BASE + "/pyfetch")
            return {
                "workers": [a.status, a.ok, a.headers["x-rate"], (await a.json())["path"], type(a).__name__],
                "js": [b.status, (await b.json()).to_py()["path"]],
                "pyfetch": [c.status, await c.text()],
            }

        return await three_ways()
`;

describe('run --allow-net', () => {
  it('lets workflow code reach an allowed origin by workers.fetch, js.fetch and pyfetch; without it the step fails at once', async () => {
    const file = tempFile('rates.py', flow(origin));
    const [allowed, blocked] = await Promise.all([
      runBin(['run', file, '--json', '--allow-net', origin]),
      runBin(['run', file]),
    ]);
    expect(allowed.stderr).toBe('');
    expect(allowed.exit).toBe(0);
    expect(JSON.parse(allowed.stdout).output).toEqual({
      workers: [200, true, '1.08', '/workers', 'FetchResponse'],
      js: [200, '/js'],
      pyfetch: [200, JSON.stringify({ path: '/pyfetch', eur: 1.08 })],
    });
    expect(seen.sort(), JSON.stringify(seen)).toEqual(['GET /js', 'GET /pyfetch', 'POST /workers']);

    expect(blocked.exit).toBe(1);
    expect(blocked.stdout).toContain('three ways  failed (1 attempt)');
    expect(blocked.stdout).toContain(
      `1! NonRetryableError: fetch POST ${origin}/workers was blocked: workflow code reaches only the origins you allow, and ${origin} is not one. Mock it with --mocks FILE, or allow it with --allow-net ${origin}.`,
    );
  }, 120_000);

  it('takes --allow-net repeatedly, as origins only', () => {
    const noFiles = (path: string): string => {
      throw new Error(`no file ${path} in this test`);
    };
    const parsed = parseArgs(
      ['run', 'f.py', '--allow-net', 'https://a.example', '--allow-net=http://127.0.0.1:8080/'],
      noFiles,
    );
    expect(parsed.ok && parsed.command === 'run' && parsed.options.allowNet).toEqual([
      'https://a.example',
      'http://127.0.0.1:8080',
    ]);
    expect(parseArgs(['run', 'f.py', '--allow-net', 'https://a.example/v1'], noFiles)).toEqual({
      ok: false,
      message:
        'error: --allow-net "https://a.example/v1" is more than an origin: drop the path, query and credentials (https://a.example), e.g. --allow-net https://api.example.com',
    });
    expect(parseArgs(['run', 'f.py', '--allow-net'], noFiles)).toEqual({
      ok: false,
      message: 'error: --allow-net needs a value, e.g. --allow-net https://api.example.com',
    });
  });
});
