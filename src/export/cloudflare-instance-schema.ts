/**
 * The shape of Cloudflare's instance JSON: `GET /accounts/{account_id}/workflows/{workflow_name}/instances/{id}`
 * (InstanceGetResponse in cloudflare-typescript/src/resources/workflows/instances/instances.ts; the same shape
 * wrangler's `workflows instances describe` prints, and the Local Explorer's instance route returns with
 * `step_count`). Objects are loose: the API adds fields over time, and a reader that refused them would break.
 * Step entries are checked by their `type` in cloudflare-instance.ts, so an unknown type is kept, not refused.
 */
import { z } from 'zod';
import './zod-jitless';

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (src/export reads no clock, so no `Date`). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Milliseconds since the epoch of an ISO 8601 date-time (no offset = UTC, as the API writes), or `null`. */
export function parseIsoTime(text: string): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let offset = 0;
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const digits = zone.replace(':', '');
    offset = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * (digits[0] === '-' ? -1 : 1);
  }
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi - offset) * 60_000 + s * 1000 + ms;
}

/** An ISO 8601 date-time as the API writes it, or milliseconds since the epoch; read as milliseconds. */
export const cfTime = z.union([z.string(), z.number()]).transform((v, ctx) => {
  if (typeof v === 'number') return v;
  const ms = parseIsoTime(v);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `expected an ISO 8601 date-time, got ${JSON.stringify(v)}`, input: v });
    return z.NEVER;
  }
  return ms;
});

const cfError = z.looseObject({ name: z.string(), message: z.string() });

const attempt = z.looseObject({
  start: cfTime,
  end: cfTime.nullable().optional(),
  success: z.boolean().nullable().optional(),
  error: cfError.nullable().optional(),
});

const config = z.looseObject({
  retries: z.looseObject({
    limit: z.union([z.number().min(0), z.literal('Infinity'), z.null()]),
    delay: z.union([z.number().min(0), z.string()]),
    backoff: z.enum(['constant', 'linear', 'exponential']).optional(),
  }),
  timeout: z.union([z.number(), z.string()]),
});

/** A `step.do` (or a rollback handler, `type: "rollback"`): name with its `-N` counter suffix, attempts. */
export const cfStepSchema = z.looseObject({
  type: z.enum(['step', 'rollback']),
  name: z.string().min(1),
  start: cfTime,
  end: cfTime.nullable().optional(),
  success: z.boolean().nullable().optional(),
  output: z.unknown().optional(),
  config: config.nullable().optional(),
  attempts: z.array(attempt),
});

export const cfSleepSchema = z.looseObject({
  type: z.literal('sleep'),
  name: z.string().min(1),
  start: cfTime,
  end: cfTime.nullable().optional(),
  finished: z.boolean().optional(),
  error: cfError.nullable().optional(),
});

export const cfWaitSchema = z.looseObject({
  type: z.literal('waitForEvent'),
  name: z.string().min(1),
  start: cfTime,
  end: cfTime.nullable().optional(),
  finished: z.boolean().optional(),
  error: cfError.nullable().optional(),
  output: z.unknown().optional(),
  event_type: z.string().optional(),
});

export const cfTerminationSchema = z.looseObject({
  type: z.literal('termination'),
  trigger: z.looseObject({ source: z.string() }).optional(),
});

const STATUSES = ['queued', 'running', 'paused', 'errored', 'terminated', 'complete', 'waitingForPause', 'waiting'];

/** The instance (`result`); `steps` entries are read one by one by their type. */
export const cfInstanceSchema = z.looseObject({
  id: z.string().min(1).optional(),
  status: z.enum(STATUSES as [string, ...string[]]),
  params: z.unknown().optional(),
  trigger: z.looseObject({ source: z.string() }).nullable().optional(),
  versionId: z.string().nullable().optional(),
  queued: cfTime,
  start: cfTime.nullable().optional(),
  end: cfTime.nullable().optional(),
  output: z.unknown().optional(),
  error: cfError.nullable().optional(),
  step_count: z.number().optional(),
  steps: z.array(z.looseObject({ type: z.string() })),
});

export type CfStep = z.output<typeof cfStepSchema>;
export type CfSleep = z.output<typeof cfSleepSchema>;
export type CfWait = z.output<typeof cfWaitSchema>;
export type CfInstance = z.output<typeof cfInstanceSchema>;
