import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockedMessage, createNetworkGate, parseOrigin, STUDIO_HOW_TO_ALLOW } from './network-gate';

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
      `fetch POST ${a.origin}/json was blocked: workflow code reaches only the origins you allow, and ${a.origin} is not one. Allow it with --allow-net ${a.origin}.`,
    );
    expect(a.seen).toEqual([]);
  });

  it('says how to allow an origin where it runs (the studio has no allow-list yet)', async () => {
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
