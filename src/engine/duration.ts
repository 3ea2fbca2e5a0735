import { parseDuration as parseDurationText } from './duration-text';
import { WorkflowFatalError } from './errors';
import { messages } from './messages';

/**
 * Parses a duration: a number is milliseconds (the engine's TypeScript API, like Cloudflare's JS API); a string
 * is `"<number> <unit>"` with a unit of `DURATION_UNIT_MS`, singular or plural, decimals allowed
 * (`duration-text.ts`, the one parser the analysis shares).
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
  const parsed = parseDurationText(text);
  return parsed.ok ? parsed.ms : undefined;
}
