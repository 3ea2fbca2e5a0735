// Helpers scenarios use to turn a run into what both sides compare: attempt counts per step, the shape of
// retry gaps (as ratios: Cloudflare's local engine may add its own overhead), how many times run() started.

/** Statuses after which an instance does nothing more by itself. */
export const FINISHED = ['complete', 'errored', 'terminated'];

/** Trace entries of attempts of step `name` (scenarios record `{step, attempt}` inside the step body). */
export const attemptsOf = (trace, name) => trace.filter((e) => e.step === name);

/** How many times run() started for this instance (a replay after a sleep or a wait is a new start). */
export const runStarts = (trace) => trace.filter((e) => e.run === 'start').length;

/** Milliseconds between consecutive attempts of step `name`. */
export function gapsOf(trace, name) {
  const at = attemptsOf(trace, name).map((e) => e.at);
  return at.slice(1).map((t, i) => t - at[i]);
}

/** Delay multipliers of each backoff for the gap after failed attempt n, from the least to the most demanding. */
const PATTERNS = [
  ['constant', () => 1],
  ['linear', (n) => n],
  ['exponential', (n) => 2 ** (n - 1)],
];

/**
 * Which backoff the gaps follow: the most demanding one whose delay every gap lasted (gap n ≥ delay × 1, n or
 * 2^(n−1), with 5 ms of timer slack). An engine never retries early, and a loaded machine only makes gaps
 * longer, so a gap must overshoot by a whole `delayMs` to pass for the next pattern: plain ratios would be
 * skewed by each side's overhead (a few ms here, tens of ms in workerd). Returns words both sides must agree on.
 */
export function backoffShape(gaps, delayMs) {
  if (gaps.length < 2) return `${gaps.length} gap(s)`;
  const held = PATTERNS.filter(([, f]) => gaps.every((g, i) => g >= delayMs * f(i + 1) - 5)).map(([name]) => name);
  return held.length ? `${held.at(-1)}: every gap at least its delay` : 'some gap shorter than its constant delay';
}

/** The gap ratios (gap n ÷ gap 1, one decimal): shown in the report, not compared (timing noise). */
export const gapRatios = (gaps) => gaps.map((g) => Math.round((g / gaps[0]) * 10) / 10);

/** A NonRetryableError both sides recognise by name (Cloudflare's `cloudflare:workflows` class sets the same). */
export class NonRetryableError extends Error {
  constructor(message) {
    super(message);
    this.name = 'NonRetryableError';
  }
}

/** Polls the instance's trace until an entry matches `match` (e.g. a step body has started); throws after `timeoutMs`. */
export async function untilTraced(api, id, match, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await api.trace(id)).some(match)) return;
    if (Date.now() > deadline) throw new Error(`no matching trace entry after ${timeoutMs} ms`);
    await api.sleep(10);
  }
}

/** Sleeps `ms` inside a step body or a driver. */
export const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
