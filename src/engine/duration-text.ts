/**
 * Workflow duration strings ("10 seconds", "1.5 hours"): the one parser of them (docs/semantics.md, Durations).
 * The engine reads sleeps, waits, retry delays and timeouts with it, and the static analysis (src/analysis)
 * checks string literals with it, so the editor and the engine cannot disagree on what is valid.
 *
 * Deliberately import-free: src/analysis may import this file and nothing else of the engine (biome.json).
 * Stricter than Cloudflare's `itty-time` parser, which silently reads an unknown unit as milliseconds: here
 * anything but `<number> <unit>` with a known unit is rejected.
 */

/** Length of each duration unit in milliseconds (month = 30 days, year = 365.25 days). */
export const DURATION_UNIT_MS = {
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
  month: 2_592_000_000,
  year: 31_557_600_000,
} as const;

/** A unit name in its singular form. */
export type DurationUnit = keyof typeof DURATION_UNIT_MS;

/** Result of {@link parseDuration}: milliseconds, or why the string is not a duration. */
export type ParsedDuration =
  | { ok: true; ms: number; amount: number; unit: DurationUnit }
  | { ok: false; reason: 'format' | 'unit' };

/** The longest sleep, `sleep_until` distance or event-wait timeout the engine accepts: 365 days. */
export const MAX_WAIT_MS = 365 * DURATION_UNIT_MS.day;

const DURATION_RE = /^\s*(\d+(?:\.\d+)?|\.\d+)\s+([A-Za-z]+)\s*$/;

const isUnit = (word: string): word is DurationUnit => Object.hasOwn(DURATION_UNIT_MS, word);

/**
 * Parse `"<number> <unit>"`: a non-negative decimal, whitespace, and a lowercase unit (second, minute, hour, day,
 * week, month, year), singular or plural; surrounding whitespace is ignored, bare numbers are rejected.
 */
export function parseDuration(text: string): ParsedDuration {
  const match = DURATION_RE.exec(text);
  if (!match) return { ok: false, reason: 'format' };
  const amount = Number(match[1]);
  const word = match[2] as string;
  const unit = isUnit(word) ? word : word.endsWith('s') ? word.slice(0, -1) : word;
  if (!isUnit(unit)) return { ok: false, reason: 'unit' };
  return { ok: true, ms: amount * DURATION_UNIT_MS[unit], amount, unit };
}

const EXACT_UNITS: readonly DurationUnit[] = ['day', 'hour', 'minute', 'second'];

/**
 * The duration string that means `ms` milliseconds exactly, in the largest unit that divides it (`5000` →
 * `"5 seconds"`, `90000` → `"90 seconds"`, `7200000` → `"2 hours"`, `1500` → `"1.5 seconds"`, `3` →
 * `"0.003 seconds"`); weeks, months and years are left out, as they rarely divide a number a user typed.
 */
export function durationStringOf(ms: number): string {
  const unit = EXACT_UNITS.find((u) => ms !== 0 && ms % DURATION_UNIT_MS[u] === 0) ?? 'second';
  // toPrecision(15) then Number drops binary noise (0.003 rather than 0.0030000000000000001).
  const amount = Number((ms / DURATION_UNIT_MS[unit]).toPrecision(15));
  const text =
    Math.abs(amount) >= 1e21 || (amount !== 0 && Math.abs(amount) < 1e-6) ? amount.toFixed(12) : String(amount);
  return `${text} ${unit}${amount === 1 ? '' : 's'}`;
}
