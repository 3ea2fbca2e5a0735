import { parseDuration, tryParseDurationString } from './duration';
import { assertNever } from './errors';

/** How the delay between attempts grows. */
export type Backoff = 'constant' | 'linear' | 'exponential';

/** A step's config after merging over the defaults: what `ctx.config` shows and what the journal keeps. */
export interface ResolvedStepConfig {
  retries: { limit: number; delay: number | string; backoff: Backoff };
  timeout: number | string;
}

/**
 * Defaults: 5 retries, 10 seconds apart, exponential, 10-minute timeout per attempt. The delay follows
 * Cloudflare's docs (10 s); its local engine uses 1 s.
 */
export const DEFAULT_STEP_CONFIG: Readonly<ResolvedStepConfig> = Object.freeze({
  retries: Object.freeze({ limit: 5, delay: '10 seconds', backoff: 'exponential' as const }),
  timeout: '10 minutes',
});

/** Result of {@link resolveStepConfig}: the merged config, or what is wrong with the input. */
export type StepConfigCheck = { ok: true; config: ResolvedStepConfig } | { ok: false; detail: string };

const DEFAULTS_CHECK: StepConfigCheck = { ok: true, config: DEFAULT_STEP_CONFIG as ResolvedStepConfig };
const CONFIG_KEYS = ['retries', 'timeout'];
const RETRY_KEYS = ['limit', 'delay', 'backoff'];
const BACKOFFS: readonly string[] = ['constant', 'linear', 'exponential'];

/**
 * Validates a user step config strictly (unknown keys are invalid; `retries`, when given, needs both `limit`
 * and `delay`) and merges it over {@link DEFAULT_STEP_CONFIG}, `retries` over the default retries.
 */
export function resolveStepConfig(input: unknown): StepConfigCheck {
  if (input === undefined || input === null) return DEFAULTS_CHECK;
  if (!isPlainObject(input)) return fail('the config must be an object');
  const unknown = Object.keys(input).find((k) => !CONFIG_KEYS.includes(k));
  if (unknown !== undefined) return fail(`unknown key "${unknown}" (allowed: retries, timeout)`);
  const config = copyConfig(DEFAULT_STEP_CONFIG);
  if (input.retries !== undefined) {
    const retries = input.retries;
    if (!isPlainObject(retries)) return fail('retries must be an object with limit and delay');
    const bad = Object.keys(retries).find((k) => !RETRY_KEYS.includes(k));
    if (bad !== undefined) return fail(`unknown key "retries.${bad}" (allowed: limit, delay, backoff)`);
    if (retries.limit === undefined) return fail('retries.limit is required');
    if (retries.delay === undefined) return fail('retries.delay is required');
    const { limit, delay, backoff } = retries;
    if (typeof limit !== 'number' || Number.isNaN(limit) || limit < 0) {
      return fail('retries.limit must be a number ≥ 0');
    }
    const delayProblem = durationProblem('retries.delay', delay, 0);
    if (delayProblem) return fail(delayProblem);
    if (backoff !== undefined && !BACKOFFS.includes(backoff as string)) {
      return fail('retries.backoff must be "constant", "linear" or "exponential"');
    }
    config.retries = {
      limit,
      delay: delay as number | string,
      backoff: (backoff as Backoff | undefined) ?? config.retries.backoff,
    };
  }
  if (input.timeout !== undefined) {
    const problem = durationProblem('timeout', input.timeout, Number.MIN_VALUE);
    if (problem) return fail(problem);
    config.timeout = input.timeout as number | string;
  }
  return { ok: true, config };
}

/** Milliseconds to wait after failed attempt `attempt` (1-based): d, d×n or d×2^(n−1). */
export function retryDelayMs(config: ResolvedStepConfig, attempt: number): number {
  const base = parseDuration(config.retries.delay);
  const backoff = config.retries.backoff;
  switch (backoff) {
    case 'constant':
      return base;
    case 'linear':
      return base * attempt;
    case 'exponential':
      return base * 2 ** (attempt - 1);
    default:
      return assertNever(backoff);
  }
}

/** The per-attempt timeout of a resolved config, in milliseconds. */
export function timeoutMs(config: ResolvedStepConfig): number {
  return parseDuration(config.timeout);
}

function durationProblem(key: string, value: unknown, min: number): string | undefined {
  const wanted = min > 0 ? '> 0' : '≥ 0';
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= min ? undefined : `${key} must be a number of milliseconds ${wanted}`;
  }
  if (typeof value !== 'string') return `${key} must be a number of milliseconds or a duration string`;
  const ms = tryParseDurationString(value);
  if (ms === undefined) return `${key} ${JSON.stringify(value)} is not a duration like "10 seconds"`;
  return ms >= min ? undefined : `${key} must be ${wanted}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function copyConfig(config: ResolvedStepConfig): ResolvedStepConfig {
  return { retries: { ...config.retries }, timeout: config.timeout };
}

function fail(detail: string): StepConfigCheck {
  return { ok: false, detail };
}
