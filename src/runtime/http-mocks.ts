/**
 * How the network gate answers a request from an HTTP mock rule (src/engine/mocks.ts): a built `Response` with
 * the rule's status, headers and body after its latency; the first `failFirst` calls of each instance fail
 * with `failWith` (a status, or a network error); `networkError` fails every call as a browser's `fetch` does,
 * with a `TypeError` (so the step is retried as for a real outage).
 */
import type { HttpMockRule } from '../engine';

/** What a mocked call produced: a response, or the network error to throw. */
export type MockAnswer = { response: Response } | { networkError: TypeError };

const NULL_BODY = new Set([204, 205, 304]);

/** The answer of `rule` (labelled `label`) to its `nth` call (1-based) by one instance. */
export function mockAnswer(rule: HttpMockRule, label: string, nth: number, method: string, url: string): MockAnswer {
  const failing = nth <= rule.failFirst;
  if (rule.networkError || (failing && rule.failWith === 'network-error')) {
    return { networkError: new TypeError(`fetch ${method} ${url}: network error (mock ${label})`) };
  }
  if (failing) {
    const status = rule.failWith as number;
    const text = `mock ${label}: failing call ${nth} of ${rule.failFirst}`;
    return { response: withUrl(new Response(text, { status, headers: { 'content-type': 'text/plain' } }), url) };
  }
  const headers = new Headers(rule.headers);
  let body: string | null = null;
  if (rule.body !== null && !NULL_BODY.has(rule.status)) {
    if ('json' in rule.body) {
      body = JSON.stringify(rule.body.json);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    } else {
      body = rule.body.text;
      if (!headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8');
    }
  }
  return { response: withUrl(new Response(body, { status: rule.status, headers }), url) };
}

/** A built `Response` has `url` ""; a mocked one names the URL asked for, as a fetched one would. */
function withUrl(response: Response, url: string): Response {
  Object.defineProperty(response, 'url', { value: url });
  return response;
}
