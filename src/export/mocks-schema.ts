/**
 * The mocks JSON of a workflow file — one document, read the same by the studio's Mocks panel and the CLI's
 * `--mocks FILE` — validated with zod into the engine's `Mocks` (src/engine/mocks.ts). Every bad rule gets its
 * own message (`http[1].status: expected an integer, got "ok"`), so the panel can list them all at once;
 * `mocksJsonSchema()` is the same schema as JSON Schema, for Monaco's completion and squiggles.
 *
 * ```json
 * {
 *   "http": [{ "method": "GET", "url": "https://api.example.com/rates*", "status": 200, "json": { "eur": 1.08 },
 *              "failFirst": 2 }],
 *   "steps": { "charge": { "value": { "charged": 42 } },
 *              "notify#2": { "raise": "ConnectionError", "message": "down", "times": 1 } },
 *   "events": [{ "type": "approved", "payload": { "by": "ada" }, "after": "5 seconds" },
 *              { "type": "shipped", "when": "waiting" }]
 * }
 * ```
 */
import { z } from 'zod';
import './zod-jitless';
import {
  type HttpMockRule,
  isValidStepName,
  type Json,
  MAX_WAIT_MS,
  type Mocks,
  parseDuration,
  type ScriptedEvent,
  type StepMock,
} from '../engine';
import { formatIssues } from './zod-issues';

const json: z.ZodType<Json> = z.json() as z.ZodType<Json>;
const count = z.number().int().min(1);

const httpRule = z
  .strictObject({
    label: z.string().min(1).optional().describe('Shown in the request list as the mock that answered.'),
    method: z
      .string()
      .refine((m) => /^([A-Za-z]+|\*)$/.test(m), 'expected an HTTP method such as "GET", or "*" for any')
      .optional()
      .describe('GET, POST, … or "*" for any method (the default).'),
    url: z.string().min(1).describe('The whole URL; "*" matches any run of characters (https://api.example.com/v1/*).'),
    status: z.number().int().min(200).max(599).optional().describe('HTTP status of the answer (default 200).'),
    headers: z.record(z.string(), z.string()).optional().describe('Response headers.'),
    json: json.optional().describe('A JSON body (content-type application/json).'),
    text: z.string().optional().describe('A text body.'),
    latencyMs: z.number().min(0).max(60_000).optional().describe('Milliseconds before the answer.'),
    failFirst: count.optional().describe('Fail the first N calls of each instance, then answer.'),
    failWith: z
      .union([z.number().int().min(400).max(599), z.literal('network-error')])
      .optional()
      .describe('How the first failFirst calls fail: an HTTP status (default 503) or "network-error".'),
    networkError: z.boolean().optional().describe('Every call fails with a network error (TypeError).'),
  })
  .refine((r) => r.json === undefined || r.text === undefined, {
    message: 'give "json" or "text" as the body, not both',
  })
  .refine((r) => r.failWith === undefined || r.failFirst !== undefined, {
    message: '"failWith" needs "failFirst" (how many calls fail)',
  });

const stepMock = z.union([
  z.strictObject({ value: json.describe('What the step returns instead of running.') }),
  z.strictObject({
    raise: z
      .string()
      .refine((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n), 'expected a Python exception class name such as "ValueError"')
      .describe('Python exception class the step raises (a built-in, NonRetryableError, or a new class).'),
    message: z.string().optional().describe('The exception message.'),
    times: count.optional().describe('Only the first N attempts raise; later attempts run the step.'),
  }),
]);

const duration = z.union([z.number().min(0).max(MAX_WAIT_MS), z.string()]);
const scriptedEvent = z
  .strictObject({
    type: z.string().min(1).max(100).describe('The event type a step.wait_for_event waits for.'),
    payload: json.optional().describe('The event payload.'),
    after: duration.optional().describe('Sent this long after the instance was created: ms or "5 seconds".'),
    when: z.literal('waiting').optional().describe('"waiting": sent when the instance starts waiting for it.'),
  })
  .refine((e) => (e.after === undefined) !== (e.when === undefined), {
    message: 'give "after" (a delay) or "when": "waiting", one of them',
  });

const document = z.strictObject({
  $schema: z.string().optional(),
  http: z.array(httpRule).optional().describe('HTTP rules; the first that matches a request answers it.'),
  steps: z
    .record(z.string(), stepMock)
    .optional()
    .describe('Step-result mocks by step name, or name#count for one call.'),
  events: z.array(scriptedEvent).optional().describe('Events sent to every instance of this file.'),
});

/** One problem of a mocks document: where (`http[1].status`, or '' for the whole) and what. */
export interface MocksProblem {
  path: string;
  message: string;
}

export type ParseMocksResult = { ok: true; mocks: Mocks } | { ok: false; problems: MocksProblem[] };

const problem = (root: string, issues: readonly z.core.$ZodIssue[]): MocksProblem => {
  const text = formatIssues(issues, root);
  if (issues[0]?.path.length === 0) return { path: root, message: root === '' ? text : text.slice(root.length + 2) };
  const colon = text.indexOf(': ');
  return { path: text.slice(0, colon), message: text.slice(colon + 2) };
};

/** The problems as lines, `path: what is wrong`. */
export function formatMocksProblems(problems: readonly MocksProblem[]): string[] {
  return problems.map((p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`));
}

/** Parses mocks JSON text (empty text = no mocks). */
export function parseMocksText(text: string): ParseMocksResult {
  if (text.trim() === '') return { ok: true, mocks: { http: [], steps: [], events: [] } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '', message: `not JSON: ${(error as Error).message}` }] };
  }
  return parseMocks(value);
}

/** Validates a mocks document: each HTTP rule, step mock and event on its own, one message per bad one. */
export function parseMocks(value: unknown): ParseMocksResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problems: [{ path: '', message: 'expected an object with "http", "steps" and "events"' }] };
  }
  const problems: MocksProblem[] = [];
  const top = value as Record<string, unknown>;
  const shape = z
    .strictObject({
      $schema: z.string().optional(),
      http: z.array(z.unknown()).optional(),
      steps: z.record(z.string(), z.unknown()).optional(),
      events: z.array(z.unknown()).optional(),
    })
    .safeParse(top, { reportInput: true });
  if (!shape.success) {
    for (const issue of shape.error.issues) problems.push(problem('', [issue]));
    return { ok: false, problems };
  }
  const mocks: Mocks = { http: [], steps: [], events: [] };
  (shape.data.http ?? []).forEach((item, i) => {
    const parsed = httpRule.safeParse(item, { reportInput: true });
    if (!parsed.success) problems.push(problem(`http[${i}]`, parsed.error.issues));
    else mocks.http.push(toHttpRule(parsed.data));
  });
  for (const [key, item] of Object.entries(shape.data.steps ?? {})) {
    const path = `steps[${JSON.stringify(key)}]`;
    const name = splitStepKey(key);
    if (typeof name === 'string') {
      problems.push({ path, message: name });
      continue;
    }
    const parsed = stepMock.safeParse(item, { reportInput: true });
    if (!parsed.success) {
      problems.push({ path, message: stepMockProblem(item) ?? problem(path, parsed.error.issues).message });
      continue;
    }
    const d = parsed.data;
    const outcome: StepMock['outcome'] =
      'value' in d ? { value: d.value } : { raise: d.raise, message: d.message ?? '' };
    mocks.steps.push({ ...name, outcome, ...('times' in d && d.times !== undefined ? { times: d.times } : {}) });
  }
  (shape.data.events ?? []).forEach((item, i) => {
    const parsed = scriptedEvent.safeParse(item, { reportInput: true });
    if (!parsed.success) {
      problems.push(problem(`events[${i}]`, parsed.error.issues));
      return;
    }
    const event = toScriptedEvent(parsed.data);
    if (typeof event === 'string') problems.push({ path: `events[${i}].after`, message: event });
    else mocks.events.push(event);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, mocks };
}

function toHttpRule(r: z.infer<typeof httpRule>): HttpMockRule {
  return {
    ...(r.label !== undefined ? { label: r.label } : {}),
    method: (r.method ?? '*').toUpperCase(),
    url: r.url,
    status: r.status ?? 200,
    headers: r.headers ?? {},
    body: r.json !== undefined ? { json: r.json } : r.text !== undefined ? { text: r.text } : null,
    latencyMs: r.latencyMs ?? 0,
    failFirst: r.failFirst ?? 0,
    failWith: r.failWith ?? 503,
    networkError: r.networkError ?? false,
  };
}

/** `name` or `name#count` → the parts, or why the key is not a step name. */
function splitStepKey(key: string): { name: string; count?: number } | string {
  const hash = /^(.*)#(\d+)$/.exec(key);
  const name = hash ? (hash[1] ?? '') : key;
  if (name === '' || !isValidStepName(name)) return 'not a step name: write the name step.do uses, or name#count';
  if (!hash) return { name };
  const n = Number(hash[2]);
  return n >= 1 ? { name, count: n } : 'the count after # starts at 1 (the first call is name#1)';
}

/** A clearer message than the union's for a step mock that is neither a value nor a raise. */
function stepMockProblem(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return 'expected {"value": …} or {"raise": "ErrorClass", "message": "…"}';
  }
  const keys = Object.keys(item);
  if (keys.includes('value') && keys.length > 1) return '"value" stands alone: drop the other fields';
  if (!keys.includes('value') && !keys.includes('raise')) return 'missing "value" or "raise"';
  if (keys.includes('raise')) {
    const parsed = (stepMock.options[1] as z.ZodType).safeParse(item, { reportInput: true });
    if (!parsed.success) return formatIssues(parsed.error.issues);
  }
  return undefined;
}

function toScriptedEvent(e: z.infer<typeof scriptedEvent>): ScriptedEvent | string {
  const payload = e.payload ?? null;
  if (e.when === 'waiting') return { type: e.type, payload, when: { waiting: true } };
  let ms: number;
  try {
    ms = parseDuration(e.after ?? 0);
  } catch {
    return `expected milliseconds or a duration such as "5 seconds", got ${JSON.stringify(e.after)}`;
  }
  return { type: e.type, payload, when: { afterMs: ms } };
}

let jsonSchema: Record<string, unknown> | undefined;

/** The mocks document as JSON Schema (draft 2020-12), for the editor's completion and squiggles. */
export function mocksJsonSchema(): Record<string, unknown> {
  jsonSchema ??= z.toJSONSchema(document, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return jsonSchema;
}
