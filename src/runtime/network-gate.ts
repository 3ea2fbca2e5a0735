/**
 * The network gate: the one `fetch` workflow code has (`js.fetch`, `pyodide.http.pyfetch` and `workers.fetch` all
 * call it), in the studio's executor and in the CLI alike. By default nothing leaves: a request fails at once —
 * with an error named `NonRetryableError`, so its step is not retried for minutes against a network it will never
 * reach — naming the method, the URL and how to allow it. Origins on the allow-list (empty by default; the CLI's
 * `--allow-net ORIGIN`) pass to the host's real `fetch`; a redirect is followed by the gate only to an allowed
 * origin.
 */

/** A `fetch` as the gate offers it (loose types: it is called from Python with JS proxies). */
export type GatedFetch = ((input: unknown, init?: unknown) => Promise<Response>) & {
  /** Requests let through and not answered yet: a host on a virtual clock must not move time meanwhile. */
  pending(): number;
};

export interface NetworkGateOptions {
  /** Origins workflow code may reach, e.g. `https://api.example.com` (checked by {@link parseOrigin}). */
  allow?: readonly string[];
  /** The host's real `fetch`; default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** One sentence: how the user allows `origin` where this gate runs (the CLI names its flag). */
  howToAllow?: (origin: string) => string;
}

/** What the studio says: there is no way to allow an origin in the studio yet. */
export const STUDIO_HOW_TO_ALLOW = (origin: string) =>
  `The studio sends no request from workflow code; run the workflow with the CLI and --allow-net ${origin} to reach it.`;

const MAX_REDIRECTS = 20;

/** An allow-list entry as an origin (`https://api.example.com:8443`); throws a one-line reason for anything else. */
export function parseOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${JSON.stringify(text)} is not an origin: write it as https://host or http://host:port`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${JSON.stringify(text)} is not an http(s) origin: write it as https://host or http://host:port`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '' || url.username !== '') {
    throw new Error(
      `${JSON.stringify(text)} is more than an origin: drop the path, query and credentials (${url.origin})`,
    );
  }
  return url.origin;
}

function nonRetryable(message: string): Error {
  const error = new Error(message);
  error.name = 'NonRetryableError';
  return error;
}

/** The message of a blocked request. */
export function blockedMessage(method: string, url: string, origin: string, howToAllow: (origin: string) => string) {
  return `fetch ${method} ${url} was blocked: workflow code reaches only the origins you allow, and ${origin} is not one. ${howToAllow(origin)}`;
}

/** Method and URL of a `fetch(input, init)` call, whatever form its input takes (string, URL, Request). */
function requestLine(input: unknown, init: unknown): { method: string; url: string } {
  const request = typeof Request === 'function' && input instanceof Request ? input : undefined;
  const initMethod = (init as { method?: unknown } | undefined)?.method;
  const method = (typeof initMethod === 'string' ? initMethod : (request?.method ?? 'GET')).toUpperCase();
  return { method, url: request ? request.url : String(input) };
}

/** The gate; see the module comment. */
export function createNetworkGate(options: NetworkGateOptions = {}): GatedFetch {
  const allowed = new Set((options.allow ?? []).map(parseOrigin));
  const howToAllow = options.howToAllow ?? ((origin) => `Allow it with --allow-net ${origin}.`);
  const hostFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const check = (method: string, url: string): URL => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw nonRetryable(`fetch ${method} ${url} was blocked: workflow code must give an absolute URL (https://…)`);
    }
    if (!allowed.has(parsed.origin)) {
      const origin = parsed.origin === 'null' ? `${parsed.protocol} URLs` : parsed.origin;
      throw nonRetryable(blockedMessage(method, parsed.href, origin, howToAllow));
    }
    return parsed;
  };
  let pending = 0;
  const counted = async (input: RequestInfo, init: RequestInit): Promise<Response> => {
    pending += 1;
    try {
      return await hostFetch(input, init);
    } finally {
      pending -= 1;
    }
  };
  const gate = async (input: unknown, init?: unknown): Promise<Response> => {
    const { method, url } = requestLine(input, init);
    check(method, url);
    const userInit = (init ?? {}) as RequestInit;
    if (userInit.redirect === 'manual' || userInit.redirect === 'error') {
      return counted(input as RequestInfo, init as RequestInit);
    }
    // Follow redirects here, each to an allowed origin only: the host's fetch would follow them anywhere.
    let response = await counted(input as RequestInfo, { ...userInit, redirect: 'manual' });
    for (let hops = 0; isRedirect(response.status); hops++) {
      const location = response.headers.get('location');
      if (location === null || hops >= MAX_REDIRECTS) {
        throw nonRetryable(`fetch ${method} ${url}: the redirect could not be followed (${response.status})`);
      }
      const next = check(method, new URL(location, response.url || url).href);
      const keepBody = response.status === 307 || response.status === 308;
      const nextMethod = keepBody || method === 'HEAD' ? method : 'GET';
      const { body: _body, ...rest } = userInit;
      response = await counted(next.href, {
        ...rest,
        ...(keepBody ? { body: userInit.body } : {}),
        method: nextMethod,
        redirect: 'manual',
      });
    }
    if (response.type === 'opaqueredirect') {
      throw nonRetryable(`fetch ${method} ${url}: redirected, and a browser hides where to; the gate cannot check it`);
    }
    return response;
  };
  return Object.assign(gate, { pending: () => pending });
}

const isRedirect = (status: number) =>
  status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
