/**
 * The mocks of one workflow file, as data: HTTP rules the network gate answers from, step-result mocks and
 * scripted events. The JSON users write is validated by `src/export/mocks-schema.ts` (zod, one message per bad
 * rule) into this shape; the runtime (`src/runtime/mocks.ts`) applies it. Defined here, the layer every other
 * imports, so the studio, the executor and the CLI share one definition. Plain data, no logic but lookups.
 */
import type { Json } from './json';

/** One HTTP rule: the first rule whose method and URL pattern match a request answers it. */
export interface HttpMockRule {
  /** Shown in the request list as the mock that answered; default `http[i]`. */
  label?: string;
  /** `GET`, `POST`, … or `*` (any method; the default). Upper case. */
  method: string;
  /**
   * A glob over the whole URL as the request names it (`new URL(url).href`): `*` matches any run of characters
   * (`/` included), every other character only itself. `https://api.example.com/v1/*` matches every path under
   * `/v1/`, query strings too.
   */
  url: string;
  status: number;
  headers: Record<string, string>;
  /** The body: JSON (sent with `content-type: application/json` unless `headers` names one), or text. */
  body: { json: Json } | { text: string } | null;
  /** Milliseconds before the answer (real time). */
  latencyMs: number;
  /** Fail this many calls per instance first (counted per instance and rule), then answer. */
  failFirst: number;
  /** How a failed call fails: an HTTP status (default 503) or a network error. */
  failWith: number | 'network-error';
  /** Every call fails with a network error (a `TypeError`, as a browser's `fetch` throws). */
  networkError: boolean;
}

/** A step-result mock: for `step.do(name)` (every call) or only its `count`-th call (`name#count`). */
export interface StepMock {
  name: string;
  /** 1-based call count; `undefined` = every call of that name. */
  count?: number;
  /** Returned without running the step's function… */
  outcome: { value: Json } | { raise: string; message: string };
  /** …in the first `times` attempts only (later attempts run the function); `undefined` = every attempt. */
  times?: number;
}

/** An event sent to each instance of the file: `afterMs` after it was created, or when it starts waiting for it. */
export interface ScriptedEvent {
  type: string;
  payload: Json;
  when: { afterMs: number } | { waiting: true };
}

/** Everything mocked for one workflow file. */
export interface Mocks {
  http: HttpMockRule[];
  steps: StepMock[];
  events: ScriptedEvent[];
}

/** No mocks at all. */
export const NO_MOCKS: Mocks = Object.freeze({ http: [], steps: [], events: [] }) as Mocks;

/** The label of HTTP rule `index` as the request list shows it. */
export function httpRuleLabel(rules: readonly HttpMockRule[], index: number): string {
  return rules[index]?.label ?? `http[${index}]`;
}

/** The step mock for this attempt of call `name`#`count`, if any: a `name#count` mock beats a `name` one. */
export function stepMockFor(mocks: Mocks, name: string, count: number, attempt: number): StepMock | undefined {
  const mock =
    mocks.steps.find((m) => m.name === name && m.count === count) ??
    mocks.steps.find((m) => m.name === name && m.count === undefined);
  if (mock === undefined || (mock.times !== undefined && attempt > mock.times)) return undefined;
  return mock;
}

/** Whether `url` matches the glob `pattern` (see {@link HttpMockRule.url}). */
export function urlMatches(pattern: string, url: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === url;
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (!url.startsWith(first) || url.length < first.length + last.length || !url.endsWith(last)) return false;
  let at = first.length;
  const end = url.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = url.indexOf(middle, at);
    if (found === -1 || found + middle.length > end) return false;
    at = found + middle.length;
  }
  return true;
}

/** Index of the first HTTP rule that answers `method` `url`, or -1. */
export function findHttpRule(rules: readonly HttpMockRule[], method: string, url: string): number {
  return rules.findIndex((r) => (r.method === '*' || r.method === method) && urlMatches(r.url, url));
}

/** How a request of an attempt ended, for the request list (and the attempt's journal entry). */
export type RequestOutcome = 'mock' | 'network' | 'blocked' | 'network-error';

/** One request an attempt (or a run outside steps) made through the network gate. */
export interface RequestRecord {
  method: string;
  url: string;
  outcome: RequestOutcome;
  /** The HTTP status answered (absent when blocked or a network error). */
  status?: number;
  /** The label of the HTTP mock rule that answered (`outcome: 'mock'`, or a mocked network error). */
  mock?: string;
  /** Milliseconds from the call to the answer's headers (or the failure). */
  ms: number;
  /** Why it was blocked or failed. */
  error?: string;
}
