import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../engine';
import { parseMocks } from '../export';
import {
  blockedMessage,
  createNetworkGate,
  cspRefusedMessage,
  type GateCaller,
  parseOrigin,
  STUDIO_HOW_TO_ALLOW,
} from './network-gate';

/** A local HTTP server on 127.0.0.1 that answers `/json`, redirects `/to?url=`, and counts what it was asked. */
function startServer(): Promise<{ server: Server; origin: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/to') {
      res.writeHead(302, { location: url.searchParams.get('url') ?? '/' }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, path: url.pathname }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}`, seen });
    }),
  );
}

let a: Awaited<ReturnType<typeof startServer>>;
let b: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  a = await startServer();
  b = await startServer();
});
afterAll(() => {
  a.server.close();
  b.server.close();
});

describe('the network gate', () => {
  it('blocks every request by default, at once, naming method, URL and how to allow it', async () => {
    const gate = createNetworkGate();
    const error = await gate(`${a.origin}/json`, { method: 'post' }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('NonRetryableError');
    expect((error as Error).message).toBe(
      `fetch POST ${a.origin}/json was blocked: workflow code reaches only the origins you allow, and ${a.origin} is not one. Mock it with --mocks FILE, or allow it with --allow-net ${a.origin}.`,
    );
    expect(a.seen).toEqual([]);
  });

  it('says how to mock or allow a request where it runs (the studio: its Mocks panel)', async () => {
    const gate = createNetworkGate({ howToAllow: STUDIO_HOW_TO_ALLOW });
    await expect(gate(new Request('https://api.example.com/v1/users'))).rejects.toThrow(
      blockedMessage('GET', 'https://api.example.com/v1/users', 'https://api.example.com', STUDIO_HOW_TO_ALLOW),
    );
    await expect(gate('/relative')).rejects.toThrow(
      'fetch GET /relative was blocked: workflow code must give an absolute URL',
    );
    await expect(gate('data:text/plain,hi')).rejects.toThrow('and data: URLs is not one');
  });

  it('lets an allowed origin through to the real fetch (a local server on 127.0.0.1)', async () => {
    const gate = createNetworkGate({ allow: [a.origin] });
    const response = await gate(`${a.origin}/json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, path: '/json' });
    await expect(gate(`${b.origin}/json`)).rejects.toThrow(`fetch GET ${b.origin}/json was blocked`);
    expect(b.seen).toEqual([]);
  });

  it('counts the requests in flight, so a host on a virtual clock can wait for their answers', async () => {
    let answer = (_: Response) => {};
    const slow = () => new Promise<Response>((resolve) => (answer = resolve));
    const gate = createNetworkGate({ allow: [a.origin], fetch: slow });
    expect(gate.pending()).toBe(0);
    const request = gate(`${a.origin}/json`);
    expect(gate.pending()).toBe(1);
    answer(new Response('{}'));
    await request;
    expect(gate.pending()).toBe(0);
    await gate('https://elsewhere.example/').catch(() => {});
    expect(gate.pending()).toBe(0);
  });

  it('follows a redirect only to an allowed origin', async () => {
    const gate = createNetworkGate({ allow: [a.origin] });
    const same = await gate(`${a.origin}/to?url=${encodeURIComponent('/json')}`);
    expect(await same.json()).toEqual({ ok: true, path: '/json' });
    const away = `${a.origin}/to?url=${encodeURIComponent(`${b.origin}/secret`)}`;
    await expect(gate(away)).rejects.toThrow(`fetch GET ${b.origin}/secret was blocked`);
    expect(b.seen).toEqual([]);
  });

  it('checks allow-list entries: an http(s) origin, nothing more', () => {
    expect(parseOrigin('https://api.example.com')).toBe('https://api.example.com');
    expect(parseOrigin('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
    expect(() => parseOrigin('api.example.com')).toThrow('"api.example.com" is not an origin');
    expect(() => parseOrigin('ftp://example.com')).toThrow('is not an http(s) origin');
    expect(() => parseOrigin('https://example.com/v1')).toThrow('is more than an origin');
    expect(() => createNetworkGate({ allow: ['nope'] })).toThrow('"nope" is not an origin');
  });
});

/** A caller with the HTTP rules of `document` (a mocks document) that keeps what it is told in `seen`. */
function callerOf(document: unknown): GateCaller & { seen: RequestRecord[] } {
  const parsed = parseMocks(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const seen: RequestRecord[] = [];
  return { rules: parsed.mocks.http, calls: new Map(), record: (r) => seen.push({ ...r, ms: 0 }), seen };
}

describe('the network gate with mocks', () => {
  it('answers from the first matching rule before the allow-list, sending nothing', async () => {
    const before = a.seen.length;
    const caller = callerOf({
      http: [
        { label: 'rates', method: 'GET', url: `${a.origin}/rates*`, json: { eur: 1.08 }, headers: { 'x-rate': '1' } },
        { url: `${a.origin}/*`, status: 201, text: 'made' },
      ],
    });
    const gate = createNetworkGate({ caller: () => caller });
    const rates = await gate(`${a.origin}/rates?base=EUR`);
    expect([rates.status, rates.url, rates.headers.get('content-type'), rates.headers.get('x-rate')]).toEqual([
      200,
      `${a.origin}/rates?base=EUR`,
      'application/json',
      '1',
    ]);
    expect(await rates.json()).toEqual({ eur: 1.08 });
    const made = await gate(`${a.origin}/rates`, { method: 'POST' });
    expect([made.status, await made.text()]).toEqual([201, 'made']);
    await expect(gate(`${b.origin}/x`)).rejects.toThrow(`fetch GET ${b.origin}/x was blocked`);
    expect(a.seen.length).toBe(before);
    expect(caller.seen).toEqual([
      { method: 'GET', url: `${a.origin}/rates?base=EUR`, outcome: 'mock', status: 200, mock: 'rates', ms: 0 },
      { method: 'POST', url: `${a.origin}/rates`, outcome: 'mock', status: 201, mock: 'http[1]', ms: 0 },
      {
        method: 'GET',
        url: `${b.origin}/x`,
        outcome: 'blocked',
        error: blockedMessage(
          'GET',
          `${b.origin}/x`,
          b.origin,
          (o) => `Mock it with --mocks FILE, or allow it with --allow-net ${o}.`,
        ),
        ms: 0,
      },
    ]);
  });

  it('fails the first N calls of each instance (a status, or a network error), then answers', async () => {
    const caller = callerOf({ http: [{ url: 'https://flaky.example/*', json: { ok: true }, failFirst: 2 }] });
    const gate = createNetworkGate({ caller: () => caller });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await gate('https://flaky.example/charge')).status);
    expect(statuses).toEqual([503, 503, 200]);
    const other = callerOf({ http: [{ url: 'https://flaky.example/*', failFirst: 1, failWith: 'network-error' }] });
    const gate2 = createNetworkGate({ caller: () => other });
    const error = await gate2('https://flaky.example/a').catch((e: Error) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('fetch GET https://flaky.example/a: network error (mock http[0])');
    expect((await gate2('https://flaky.example/a')).status).toBe(200);
    expect(other.seen.map((r) => r.outcome)).toEqual(['network-error', 'mock']);
  });

  it("waits a rule's latency, counted as a request in flight", async () => {
    let wake = () => {};
    const caller = callerOf({ http: [{ url: 'https://slow.example/', latencyMs: 250, networkError: true }] });
    const waits: number[] = [];
    const sleep = (ms: number) => {
      waits.push(ms);
      return new Promise<void>((resolve) => (wake = resolve));
    };
    const gate = createNetworkGate({ caller: () => caller, sleep });
    const request = gate('https://slow.example/').catch((e: Error) => e.name);
    await Promise.resolve();
    expect([gate.pending(), waits]).toEqual([1, [250]]);
    wake();
    expect(await request).toBe('TypeError');
    expect(gate.pending()).toBe(0);
  });

  it("refuses an allowed origin the page's CSP does not list, saying so and naming the setting", async () => {
    const how = (o: string) => `Build with STUDIO_CONNECT_ORIGINS=${o} to add it.`;
    const before = a.seen.length;
    const gate = createNetworkGate({ allow: [a.origin, b.origin], cspOrigins: [b.origin], howToAllowInCsp: how });
    const error = await gate(`${a.origin}/json`).catch((e: Error) => e);
    expect((error as Error).name).toBe('NonRetryableError');
    expect((error as Error).message).toBe(cspRefusedMessage('GET', `${a.origin}/json`, a.origin, how));
    expect((error as Error).message).toContain(
      "is allowed, but the page's Content-Security-Policy (connect-src) does not let the browser reach it. Build with STUDIO_CONNECT_ORIGINS=",
    );
    expect(a.seen.length).toBe(before);
    expect(await (await gate(`${b.origin}/json`)).json()).toEqual({ ok: true, path: '/json' });
  });
});
