/**
 * The network gate: the one `fetch` workflow code has (`js.fetch`, `pyodide.http.pyfetch` and `workers.fetch` all
 * call it), in the studio's executor and in the CLI alike. By default nothing leaves: a request fails at once —
 * with an error named `NonRetryableError`, so its step is not retried for minutes against a network it will never
 * reach — naming the method, the URL and how to mock or allow it. The HTTP mock rules of the calling workflow file
 * (`caller()`, src/engine/mocks.ts) answer first, before anything is sent; then origins on the allow-list (empty
 * by default; the CLI's `--allow-net ORIGIN`) pass to the host's real `fetch`; a redirect is followed by the gate
 * only to an allowed origin. Where the page's Content-Security-Policy limits `connect-src` (`cspOrigins`), an
 * allowed origin the policy refuses fails at once saying so, instead of the browser's bare `Failed to fetch`.
 * Every request is reported to the caller (`record`): the request list of its attempt.
 */
import { findHttpRule, type HttpMockRule, httpRuleLabel, type RequestRecord } from '../engine';
import { mockAnswer } from './http-mocks';

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
  /** Who is calling (the workflow file's mocks, the attempt's request list); asked synchronously at each call. */
  caller?: () => GateCaller | undefined;
  /**
   * The origins the page's CSP `connect-src` lets through besides its own (the studio's build setting); absent
   * where no policy limits requests (Node, the dev server). An allowed origin outside it fails with `cspRefused`.
   */
  cspOrigins?: readonly string[];
  /** One sentence: how to add an origin to the CSP (the studio names its build setting). */
  howToAllowInCsp?: (origin: string) => string;
  /** Waits a mock's latency (default: a real `setTimeout`). */
  sleep?: (ms: number) => Promise<void>;
}

/** The calling workflow file's mocks and its attempt's request list (see `createNetworkGate`'s `caller`). */
export interface GateCaller {
  /** HTTP mock rules of the calling workflow file. */
  rules: readonly HttpMockRule[];
  /** Calls each rule (by index) answered so far for the calling instance: `failFirst` counts per instance. */
  calls: Map<number, number>;
  /** Notes one request of the calling attempt (or run). */
  record?(request: RequestRecord): void;
}

/** What the studio says: mock it (one click on the error), or run it with the CLI. */
export const STUDIO_HOW_TO_ALLOW = (origin: string) =>
  `Add a mock for it in the Mocks panel ("Mock this request" on this error), or run the workflow with the CLI and --allow-net ${origin} to reach it.`;

/** What the studio says when the page's CSP refuses an allowed origin: the build setting adds it there too. */
export const STUDIO_HOW_TO_ALLOW_IN_CSP = (origin: string) =>
  `Build the studio with STUDIO_CONNECT_ORIGINS=${origin} to add it to both the CSP header and the executor's allow-list (a production host must send the same header).`;

/** What the CLI says by default. */
export const CLI_HOW_TO_ALLOW = (origin: string) =>
  `Mock it with --mocks FILE, or allow it with --allow-net ${origin}.`;

/** The message of an allowed request the page's CSP would refuse. */
export function cspRefusedMessage(method: string, url: string, origin: string, howToAllowInCsp: (o: string) => string) {
  return `fetch ${method} ${url} was refused: ${origin} is allowed, but the page's Content-Security-Policy (connect-src) does not let the browser reach it. ${howToAllowInCsp(origin)}`;
}

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
  const csp = options.cspOrigins === undefined ? undefined : new Set(options.cspOrigins.map(parseOrigin));
  const howToAllow = options.howToAllow ?? CLI_HOW_TO_ALLOW;
  const howToAllowInCsp = options.howToAllowInCsp ?? ((origin) => `Add ${origin} to the build's connect-src.`);
  const hostFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
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
    if (csp !== undefined && !csp.has(parsed.origin)) {
      throw nonRetryable(cspRefusedMessage(method, parsed.href, parsed.origin, howToAllowInCsp));
    }
    return parsed;
  };
  let pending = 0;
  const counted = async <T>(work: () => Promise<T>): Promise<T> => {
    pending += 1;
    try {
      return await work();
    } finally {
      pending -= 1;
    }
  };
  const send = (input: RequestInfo, init: RequestInit) => counted(() => hostFetch(input, init));
  const fromNetwork = async (method: string, url: string, input: unknown, init: unknown): Promise<Response> => {
    check(method, url);
    const userInit = (init ?? {}) as RequestInit;
    if (userInit.redirect === 'manual' || userInit.redirect === 'error') {
      return send(input as RequestInfo, init as RequestInit);
    }
    // Follow redirects here, each to an allowed origin only: the host's fetch would follow them anywhere.
    let response = await send(input as RequestInfo, { ...userInit, redirect: 'manual' });
    for (let hops = 0; isRedirect(response.status); hops++) {
      const location = response.headers.get('location');
      if (location === null || hops >= MAX_REDIRECTS) {
        throw nonRetryable(`fetch ${method} ${url}: the redirect could not be followed (${response.status})`);
      }
      const next = check(method, new URL(location, response.url || url).href);
      const keepBody = response.status === 307 || response.status === 308;
      const nextMethod = keepBody || method === 'HEAD' ? method : 'GET';
      const { body: _body, ...rest } = userInit;
      response = await send(next.href, {
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
  const fromMock = async (caller: GateCaller, index: number, method: string, url: string): Promise<Response> => {
    const rule = caller.rules[index] as HttpMockRule;
    const nth = (caller.calls.get(index) ?? 0) + 1;
    caller.calls.set(index, nth);
    if (rule.latencyMs > 0) await counted(() => sleep(rule.latencyMs));
    const answer = mockAnswer(rule, httpRuleLabel(caller.rules, index), nth, method, url);
    if ('networkError' in answer) throw answer.networkError;
    return answer.response;
  };
  const gate = async (input: unknown, init?: unknown): Promise<Response> => {
    const { method, url } = requestLine(input, init);
    const caller = options.caller?.();
    const started = performance.now();
    let href = url;
    try {
      href = new URL(url).href;
    } catch {}
    const index = caller === undefined ? -1 : findHttpRule(caller.rules, method, href);
    const mock = caller !== undefined && index >= 0 ? httpRuleLabel(caller.rules, index) : undefined;
    const note = (result: Pick<RequestRecord, 'outcome' | 'status' | 'error'>) =>
      caller?.record?.({
        method,
        url: href,
        ...result,
        ...(mock !== undefined ? { mock } : {}),
        ms: Math.round(performance.now() - started),
      });
    try {
      const response = caller !== undefined && index >= 0 ? await fromMock(caller, index, method, href) : undefined;
      const answer = response ?? (await fromNetwork(method, url, input, init));
      note({ outcome: mock !== undefined ? 'mock' : 'network', status: answer.status });
      return answer;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      note({ outcome: (error as Error)?.name === 'NonRetryableError' ? 'blocked' : 'network-error', error: message });
      throw error;
    }
  };
  return Object.assign(gate, { pending: () => pending });
}

const isRedirect = (status: number) =>
  status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
