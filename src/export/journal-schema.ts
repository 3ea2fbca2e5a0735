/**
 * zod schemas of the engine's journal (src/engine/journal.ts), one per event kind, strict (unknown fields are
 * errors). A compile-time check below fails when the engine's `JournalEvent` union and these schemas drift
 * apart, so a new event kind cannot be exported without a schema that reads it back.
 */
import { z } from 'zod';
import './zod-jitless';
import type { InstanceSummary, JournalEvent, SerializedError } from '../engine';

const name = z.string();
const count = z.int().min(1);
const time = z.number();

/** `retries.limit` may be Infinity, which JSON cannot hold: files write `"Infinity"` (`null` is read too). */
const retryLimit = z
  .union([z.number().min(0), z.literal('Infinity'), z.null()])
  .transform((v) => (typeof v === 'number' ? v : Number.POSITIVE_INFINITY));

const serializedError: z.ZodType<SerializedError> = z.strictObject({
  name: z.string(),
  message: z.string(),
  stack: z.string().optional(),
  traceback: z.string().optional(),
  get cause() {
    return serializedError.optional();
  },
});

const callRef = z.strictObject({ kind: z.enum(['do', 'sleep', 'wait']), name, count });
const stepConfig = z.strictObject({
  retries: z.strictObject({
    limit: retryLimit,
    delay: z.union([z.number().min(0), z.string()]),
    backoff: z.enum(['constant', 'linear', 'exponential']),
  }),
  timeout: z.union([z.number(), z.string()]),
});
const logs = z.array(z.string());
const bindingCall = z.strictObject({
  binding: z.string(),
  op: z.string(),
  target: z.string(),
  ok: z.boolean(),
  error: z.string().optional(),
});
const bindings = z.array(bindingCall).optional();
/** An attempt's request list (optional: absent when it made none). */
const requests = z
  .array(
    z.strictObject({
      method: z.string(),
      url: z.string(),
      outcome: z.enum(['mock', 'network', 'blocked', 'network-error']),
      status: z.int().optional(),
      mock: z.string().optional(),
      ms: z.number().min(0),
      error: z.string().optional(),
    }),
  )
  .optional();
const json = z.json();

const base = { instanceId: z.string().min(1), seq: z.int().min(1), at: time, wall: time };
const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...base, ...shape });
const callEvent = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  event(type, { name, count, ...shape });

const run = z.int().min(1);

/** The event kinds of journal format version 1. */
const versionOneEvents = [
  event('instance-created', { workflowName: z.string().min(1), params: json }),
  event('run-started', { run, reason: z.enum(['create', 'wake', 'event', 'resume', 'restart', 'recover', 'skip']) }),
  event('run-finished', { run, output: json }),
  event('run-errored', { run, error: serializedError }),
  event('run-evicted', { run, wakeAt: time.nullable() }),
  event('calls-replayed', { run, calls: z.array(callRef) }),
  event('divergence-detected', { run, expected: callRef, got: callRef.nullable(), missing: z.array(callRef) }),
  callEvent('step-started', { config: stepConfig }),
  callEvent('attempt-started', { attempt: run }),
  callEvent('attempt-failed', {
    attempt: run,
    error: serializedError,
    retryAt: time.nullable(),
    logs,
    requests,
    bindings,
  }),
  callEvent('step-succeeded', { attempt: run, result: json, logs, requests, bindings }),
  callEvent('step-failed', { error: serializedError }),
  callEvent('sleep-started', { until: time, durationMs: time }),
  callEvent('sleep-finished', {}),
  callEvent('wait-started', { eventType: z.string(), timeoutAt: time, timeoutMs: time }),
  callEvent('event-received', { eventSeq: z.int().min(1) }),
  callEvent('wait-timed-out', { error: serializedError }),
  event('event-buffered', { eventType: z.string(), payload: json, timestamp: time, scripted: z.string().optional() }),
  event('wake-skipped', { call: callRef, wake: z.enum(['sleep', 'retry', 'wait-timeout']) }),
  event('pause-requested', {}),
  event('paused', {}),
  event('resumed', { pausedFor: time }),
  event('terminated', {}),
  event('restarted', { from: callRef.nullable() }),
] as const;

/** Every event kind of journal format version 1 (before `run-output`), discriminated on `type`. */
export const journalEventSchemaV1 = z.discriminatedUnion('type', [...versionOneEvents]);

/** Every event kind (format version 2: version 1 and `run-output`), discriminated on `type`. */
export const journalEventSchema = z.discriminatedUnion('type', [
  ...versionOneEvents,
  event('run-output', { run, text: z.string() }),
]);

/** The instance summary row (a cache derived from the events). */
export const instanceSummarySchema = z.strictObject({
  id: z.string().min(1),
  workflowName: z.string().min(1),
  status: z.enum([
    'queued',
    'running',
    'paused',
    'errored',
    'terminated',
    'complete',
    'waiting',
    'waitingForPause',
    'unknown',
  ]),
  createdAt: time,
  updatedAt: time,
  lastSeq: z.int().min(1),
  runs: z.int().min(0),
  steps: z.int().min(0),
  error: z.strictObject({ name: z.string(), message: z.string() }).nullable(),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time: the schemas read exactly the engine's types. */
export const schemasMatchEngine: [
  Same<z.output<typeof journalEventSchema>, JournalEvent>,
  Same<z.output<typeof instanceSummarySchema>, InstanceSummary>,
] = [true, true];
