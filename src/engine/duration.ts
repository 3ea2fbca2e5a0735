import { WorkflowFatalError } from './errors';
import { messages } from './messages';

const SECOND = 1000;
const DAY = 24 * 60 * 60 * SECOND;

/** Milliseconds per duration unit (month = 30 days, year = 365.25 days, as Cloudflare's parser). */
export const DURATION_UNITS: Readonly<Record<string, number>> = {
  second: SECOND,
  minute: 60 * SECOND,
  hour: 60 * 60 * SECOND,
  day: DAY,
  week: 7 * DAY,
  month: 30 * DAY,
  year: 365.25 * DAY,
};

/** Longest sleep and longest event-wait timeout: 365 days. */
export const MAX_SLEEP_MS = 365 * DAY;

const PATTERN = /^\s*(\d+(?:\.\d+)?|\.\d+)\s+([a-z]+?)s?\s*$/;

/**
 * Parses a duration: a number is milliseconds (the engine's TypeScript API, like Cloudflare's JS API); a string
 * is `"<number> <unit>"` with a unit of {@link DURATION_UNITS}, singular or plural, decimals allowed.
 * Anything else throws a `WorkflowFatalError` quoting the input (Cloudflare silently reads unknown units as
 * milliseconds; the studio refuses).
 */
export function parseDuration(value: number | string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new WorkflowFatalError(messages.invalidDurationNumber(value));
    return value;
  }
  const ms = tryParseDurationString(value);
  if (ms === undefined) throw new WorkflowFatalError(messages.invalidDuration(String(value)));
  return ms;
}

/** Milliseconds of a duration string, or `undefined` when it is not `"<number> <unit>"`. */
export function tryParseDurationString(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const unit = DURATION_UNITS[match[2] as string];
  if (unit === undefined) return undefined;
  return Number(match[1]) * unit;
}
