/**
 * Cloudflare's instance JSON (cloudflare-instance-schema.ts) → our journal events (docs/journal-format.md), so
 * that a production instance can be replayed against edited code. Cloudflare does not expose its replays: the
 * whole history becomes one run. Outputs are JSON values or JSON text; text that is cut off (not valid JSON but
 * starting like an object, list or string) is an output the API truncated — a heuristic: the API documents no
 * truncation marker or limit, only that `…/instances/{id}/step` serves the full output: it is marked, and the journal stops
 * before that step so that a replay never serves it as if whole. An unknown step type stops the journal there
 * too. Rollback steps (run after the instance errored) are listed, not journaled: our engine has no rollback.
 */
import type { InstanceStatus, InstanceSummary, JournalEvent, Json, ResolvedStepConfig } from '../engine';
import {
  type CfInstance,
  type CfSleep,
  type CfStep,
  type CfWait,
  cfInstanceSchema,
  cfSleepSchema,
  cfStepSchema,
  cfTerminationSchema,
  cfWaitSchema,
} from './cloudflare-instance-schema';
import { formatIssues } from './zod-issues';

/** Where the imported journal stops before the end of Cloudflare's history, and why. */
export interface CloudflareStop {
  /** Index in `steps[]`. */
  index: number;
  step: string;
  reason: 'truncated-output' | 'unknown-step-type';
  message: string;
}

/** One instance, converted. */
export interface CloudflareImport {
  /** Where it came from, for messages: `order.json`, `order.json[2]`. */
  label: string;
  summary: InstanceSummary;
  events: JournalEvent[];
  versionId: string | null;
  trigger: string | null;
  /** Steps whose output the API truncated (`name-N`), and `run()` when the instance output was. */
  truncated: string[];
  stop: CloudflareStop | null;
  /** Rollback steps (`name-N`), shown but not journaled. */
  rollbacks: string[];
}

export type CloudflareParse = { ok: true; instances: CloudflareImport[] } | { ok: false; message: string };

export interface CloudflareImportOptions {
  /** Names messages and ids: the file name. */
  label: string;
  workflowName: string;
  /** The config a step gets when the JSON has none (the engine's default). */
  defaultConfig: ResolvedStepConfig;
  /** Instance id when the JSON has none; `index` is the place in an array, or `null` for a single instance. */
  idFor: (index: number | null) => string;
}

/**
 * Where the full output of a step is served: the instance JSON truncates large outputs. Cloudflare's API
 * (cloudflare-typescript `instances.step()`, InstanceStepParams) takes the step's name with its `-N` suffix and
 * its type (`step` or `waitForEvent`), and an optional `attempt`.
 */
export const FULL_OUTPUT_ENDPOINT =
  '/accounts/{account_id}/workflows/{workflow_name}/instances/{instance_id}/step?name={name}&type={type}';

/** The full-output request of one step (`charge-1`): the endpoint with its name and type filled in. */
export const fullOutputRequest = (name: string, type: 'step' | 'waitForEvent' = 'step'): string =>
  `GET ${FULL_OUTPUT_ENDPOINT.replace('{name}', encodeURIComponent(name)).replace('{type}', type)}`;

const DAY_MS = 24 * 60 * 60 * 1000;
type Output = { value: Json; truncated: false } | { value: null; truncated: true };

/** A JSON value, or JSON text (parsed); text that does not parse but starts like JSON was cut: truncated. */
export function readOutput(raw: unknown): Output {
  if (raw === undefined) return { value: null, truncated: false };
  if (typeof raw !== 'string') return { value: raw as Json, truncated: false };
  try {
    return { value: JSON.parse(raw) as Json, truncated: false };
  } catch {
    return /^\s*[[{"]/.test(raw) ? { value: null, truncated: true } : { value: raw, truncated: false };
  }
}

/** `charge-2` → `{name: "charge", count: 2}`; a name without the runtime's counter suffix counts as 1. */
export function splitStepName(raw: string): { name: string; count: number } {
  const m = /^(.*)-(\d+)$/.exec(raw);
  if (m?.[1] && Number(m[2]) >= 1) return { name: m[1], count: Number(m[2]) };
  return { name: raw, count: 1 };
}

/** Whether `value` has the shape of Cloudflare's instance JSON (a result, its envelope, or a list of them). */
export function looksLikeCloudflareInstance(value: unknown): boolean {
  const item = Array.isArray(value) ? value[0] : value;
  if (typeof item !== 'object' || item === null) return false;
  const obj = item as Record<string, unknown>;
  const result = 'result' in obj && !('steps' in obj) ? obj.result : obj;
  return typeof result === 'object' && result !== null && 'steps' in result && 'status' in result;
}

/** The instances of a parsed JSON value: an envelope, its `result`, or a list of either. */
export function parseCloudflareInstances(value: unknown, opts: CloudflareImportOptions): CloudflareParse {
  const { label } = opts;
  if (Array.isArray(value)) {
    if (value.length === 0) return { ok: false, message: `${label}: an empty list; expected instance JSON objects` };
    const instances: CloudflareImport[] = [];
    for (const [i, item] of value.entries()) {
      const one = readOne(item, `${label}[${i}]`, i, opts);
      if (!one.ok) return one;
      instances.push(one.instance);
    }
    return { ok: true, instances };
  }
  const one = readOne(value, label, null, opts);
  return one.ok ? { ok: true, instances: [one.instance] } : one;
}

type One = { ok: true; instance: CloudflareImport } | { ok: false; message: string };

function readOne(value: unknown, where: string, index: number | null, opts: CloudflareImportOptions): One {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      message: `${where}: expected an instance JSON object, got ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}`,
    };
  }
  const obj = value as Record<string, unknown>;
  if (obj.format === 'workflow-studio-journal') {
    return {
      ok: false,
      message: `${where}: this is a Workflow Studio journal, not Cloudflare's instance JSON; replay it without --from-cloudflare`,
    };
  }
  let root = '';
  let body: unknown = obj;
  if ('result' in obj && !('steps' in obj)) {
    if (obj.success === false) {
      const errors = Array.isArray(obj.errors) ? obj.errors : [];
      const first = errors[0] as { code?: unknown; message?: unknown } | undefined;
      const why = first
        ? `${first.code === undefined ? '' : `${String(first.code)} `}${String(first.message)}`
        : 'no error given';
      return { ok: false, message: `${where}: the Cloudflare API answered with an error (success: false): ${why}` };
    }
    root = 'result';
    body = obj.result;
  } else if (!('steps' in obj) || !('status' in obj)) {
    return {
      ok: false,
      message: `${where}: not a Cloudflare Workflows instance: expected the JSON of GET /accounts/{account_id}/workflows/{workflow_name}/instances/{instance_id} (an object with status and steps, or the API's {result, success, errors, messages})`,
    };
  }
  const parsed = cfInstanceSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) return { ok: false, message: `${where}: ${formatIssues(parsed.error.issues, root)}` };
  return convert(parsed.data, where, root === '' ? 'steps' : `${root}.steps`, index, opts);
}

interface Builder {
  events: JournalEvent[];
  id: string;
}

function push(b: Builder, at: number, draft: Record<string, unknown> & { type: JournalEvent['type'] }): number {
  const seq = b.events.length + 1;
  b.events.push({ ...draft, instanceId: b.id, seq, at, wall: at } as JournalEvent);
  return seq;
}

function convert(
  cf: CfInstance,
  label: string,
  stepsPath: string,
  index: number | null,
  opts: CloudflareImportOptions,
): One {
  const id = cf.id ?? opts.idFor(index);
  const b: Builder = { events: [], id };
  push(b, cf.queued, { type: 'instance-created', workflowName: opts.workflowName, params: (cf.params ?? {}) as Json });
  if (cf.start != null) push(b, cf.start, { type: 'run-started', run: 1, reason: 'create' });
  const truncated: string[] = [];
  const rollbacks: string[] = [];
  let stop: CloudflareStop | null = null;
  let terminatedAt: number | null = null;
  for (const [i, raw] of cf.steps.entries()) {
    const where = `${label}: ${stepsPath}[${i}]`;
    if (raw.type === 'step' || raw.type === 'rollback') {
      const step = cfStepSchema.safeParse(raw, { reportInput: true });
      if (!step.success)
        return { ok: false, message: `${label}: ${formatIssues(step.error.issues, `${stepsPath}[${i}]`)}` };
      const out = readOutput(step.data.output);
      if (out.truncated) truncated.push(step.data.name);
      if (stop) continue;
      if (raw.type === 'rollback') {
        rollbacks.push(step.data.name);
        continue;
      }
      if (out.truncated && step.data.success === true) {
        stop = {
          index: i,
          step: step.data.name,
          reason: 'truncated-output',
          message: `${where} "${step.data.name}": the API truncated its output, so the replay stops before it (the full output: ${fullOutputRequest(step.data.name)})`,
        };
        continue;
      }
      addStep(b, step.data, out.value, opts.defaultConfig);
    } else if (raw.type === 'sleep') {
      const sleep = cfSleepSchema.safeParse(raw, { reportInput: true });
      if (!sleep.success)
        return { ok: false, message: `${label}: ${formatIssues(sleep.error.issues, `${stepsPath}[${i}]`)}` };
      if (!stop) addSleep(b, sleep.data);
    } else if (raw.type === 'waitForEvent') {
      const wait = cfWaitSchema.safeParse(raw, { reportInput: true });
      if (!wait.success)
        return { ok: false, message: `${label}: ${formatIssues(wait.error.issues, `${stepsPath}[${i}]`)}` };
      if (!stop) addWait(b, wait.data);
    } else if (raw.type === 'termination') {
      const term = cfTerminationSchema.safeParse(raw, { reportInput: true });
      if (!term.success)
        return { ok: false, message: `${label}: ${formatIssues(term.error.issues, `${stepsPath}[${i}]`)}` };
      terminatedAt = cf.end ?? b.events.at(-1)?.at ?? cf.queued;
    } else if (!stop) {
      const name = typeof raw.name === 'string' ? raw.name : '(no name)';
      stop = {
        index: i,
        step: name,
        reason: 'unknown-step-type',
        message: `${where} "${name}": unknown step type ${JSON.stringify(raw.type)} (known: step, sleep, waitForEvent, termination, rollback); the replay stops before it`,
      };
    }
  }
  const output = readOutput(cf.output);
  if (output.truncated) truncated.push('run()');
  const end = cf.end ?? b.events.at(-1)?.at ?? cf.queued;
  if (!stop) {
    if (cf.status === 'complete') push(b, end, { type: 'run-finished', run: 1, output: output.value });
    else if (cf.status === 'errored') push(b, end, { type: 'run-errored', run: 1, error: cfErr(cf.error) });
    else if (cf.status === 'paused') push(b, end, { type: 'paused' });
    else if (cf.status === 'waitingForPause') push(b, end, { type: 'pause-requested' });
  }
  if (cf.status === 'terminated' || terminatedAt !== null) push(b, terminatedAt ?? end, { type: 'terminated' });
  const last = b.events.at(-1) as JournalEvent;
  const summary: InstanceSummary = {
    id,
    workflowName: opts.workflowName,
    status: cf.status as InstanceStatus,
    createdAt: cf.queued,
    updatedAt: last.at,
    lastSeq: last.seq,
    runs: cf.start != null ? 1 : 0,
    steps: b.events.filter((e) => e.type === 'step-started').length,
    error: cf.error ? { name: cf.error.name, message: cf.error.message } : null,
  };
  return {
    ok: true,
    instance: {
      label,
      summary,
      events: b.events,
      versionId: cf.versionId ?? null,
      trigger: cf.trigger?.source ?? null,
      truncated,
      stop,
      rollbacks,
    },
  };
}

function cfErr(e: { name: string; message: string } | null | undefined, fallback = 'no error recorded') {
  return e ? { name: e.name, message: e.message } : { name: 'Error', message: fallback };
}

function toConfig(c: CfStep['config'], fallback: ResolvedStepConfig): ResolvedStepConfig {
  if (!c) return fallback;
  const limit = typeof c.retries.limit === 'number' ? c.retries.limit : Number.POSITIVE_INFINITY;
  return {
    retries: { limit, delay: c.retries.delay, backoff: c.retries.backoff ?? fallback.retries.backoff },
    timeout: c.timeout,
  };
}

function addStep(b: Builder, s: CfStep, result: Json, fallback: ResolvedStepConfig): void {
  const { name, count } = splitStepName(s.name);
  push(b, s.start, { type: 'step-started', name, count, config: toConfig(s.config, fallback) });
  for (const [i, a] of s.attempts.entries()) {
    const attempt = i + 1;
    push(b, a.start, { type: 'attempt-started', name, count, attempt });
    if (a.success === true) {
      push(b, a.end ?? s.end ?? a.start, { type: 'step-succeeded', name, count, attempt, result, logs: [] });
    } else if (a.success === false) {
      const next = s.attempts[i + 1];
      const isLast = next === undefined;
      const retryAt = isLast ? (s.success === false ? null : (a.end ?? a.start)) : next.start;
      push(b, a.end ?? a.start, {
        type: 'attempt-failed',
        name,
        count,
        attempt,
        error: cfErr(a.error),
        retryAt,
        logs: [],
      });
    }
  }
  const lastAttempt = s.attempts.at(-1);
  if (s.success === true && lastAttempt?.success !== true) {
    // Success with no successful attempt listed: the result is still the step's.
    push(b, s.end ?? s.start, {
      type: 'step-succeeded',
      name,
      count,
      attempt: Math.max(1, s.attempts.length),
      result,
      logs: [],
    });
  } else if (s.success === false) {
    push(b, s.end ?? lastAttempt?.end ?? s.start, {
      type: 'step-failed',
      name,
      count,
      error: cfErr(lastAttempt?.error),
    });
  }
}

/** Cloudflare's sleep end is when it woke, a little after it was due: the duration is rounded to the second. */
function addSleep(b: Builder, s: CfSleep): void {
  const { name, count } = splitStepName(s.name);
  const until = s.end ?? s.start;
  const span = until - s.start;
  const durationMs = span >= 1000 ? Math.round(span / 1000) * 1000 : span;
  push(b, s.start, { type: 'sleep-started', name, count, until: s.start + durationMs, durationMs });
  if (s.finished !== false && s.end != null) push(b, s.end, { type: 'sleep-finished', name, count });
}

/** The event a wait received: `{type, payload, timestamp}` (Local Explorer) or the payload itself. */
function receivedEvent(w: CfWait): { eventType: string; payload: Json; timestamp: number | null } {
  const out = readOutput(w.output).value;
  if (out !== null && typeof out === 'object' && !Array.isArray(out) && 'payload' in out) {
    const type = typeof out.type === 'string' ? out.type : (w.event_type ?? '');
    const ts = typeof out.timestamp === 'number' ? out.timestamp : null;
    return { eventType: type, payload: out.payload ?? null, timestamp: ts };
  }
  return { eventType: w.event_type ?? '', payload: out, timestamp: null };
}

function addWait(b: Builder, w: CfWait): void {
  const { name, count } = splitStepName(w.name);
  const event = receivedEvent(w);
  const timedOut = w.error != null;
  const finished = w.finished !== false && w.end != null;
  // The API does not give the wait's timeout: a timed-out wait took it; otherwise the default, 24 hours.
  const timeoutMs = timedOut && w.end != null ? w.end - w.start : DAY_MS;
  push(b, w.start, {
    type: 'wait-started',
    name,
    count,
    eventType: event.eventType,
    timeoutAt: w.start + timeoutMs,
    timeoutMs,
  });
  if (!finished || w.end == null) return;
  if (timedOut) {
    push(b, w.end, { type: 'wait-timed-out', name, count, error: cfErr(w.error) });
    return;
  }
  const eventSeq = push(b, w.end, {
    type: 'event-buffered',
    eventType: event.eventType,
    payload: event.payload,
    timestamp: event.timestamp ?? w.end,
  });
  push(b, w.end, { type: 'event-received', name, count, eventSeq });
}
