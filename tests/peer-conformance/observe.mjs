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

const PATTERNS = {
  constant: () => 1,
  linear: (n) => n,
  exponential: (n) => 2 ** (n - 1),
};

/**
 * Which backoff the gaps follow. Each side adds its own overhead to every gap (a few ms here, tens of ms in
 * workerd), which skews plain ratios, so each pattern is fitted as gap n = overhead + delay × (1, n or
 * 2^(n−1)) and the one whose overheads are the most alike wins. Also says whether every gap lasted at least its
 * configured delay (5 ms of timer slack). Returns words both sides must agree on.
 */
export function backoffShape(gaps, delayMs) {
  if (gaps.length < 2) return `${gaps.length} gap(s)`;
  let best = '';
  let bestSpread = Number.POSITIVE_INFINITY;
  for (const [name, f] of Object.entries(PATTERNS)) {
    const overheads = gaps.map((g, i) => g - delayMs * f(i + 1));
    const spread = Math.max(...overheads) - Math.min(...overheads);
    if (spread < bestSpread) [best, bestSpread] = [name, spread];
  }
  const f = PATTERNS[best];
  const onTime = gaps.every((g, i) => g >= delayMs * f(i + 1) - 5);
  return `${best}, ${onTime ? 'each gap ≥ its delay' : 'some gap shorter than its delay'}`;
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

/** Sleeps `ms` inside a step body or a driver. */
export const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
