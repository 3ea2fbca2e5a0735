/**
 * Whether a benchmark met its goal. A goal reads "≤ 350 ms", "≥ 20,000 steps/s" or "≤ 0.3× (why…)": the first
 * comparison and number decide; the rest is for people. Both the headline figure and the worse tail of the
 * samples are judged — p90 for a "≤" goal (lower is better), p10 for a "≥" goal — so a goal met only by the
 * median of noisy samples says so.
 */
import { percentile } from './stats';

export interface GoalVerdict {
  /** The headline figure meets the goal. */
  met: boolean;
  /** The worse tail (p90 for ≤, p10 for ≥) meets it too. */
  tailMet: boolean;
  /** "p90" or "p10". */
  tail: 'p90' | 'p10';
}

/** The comparison and bound of a goal string, or undefined when it has none ("—", prose). */
export function parseGoal(goal: string): { op: '≤' | '≥'; bound: number } | undefined {
  const m = /^\s*(≤|≥)\s*([\d][\d,]*(?:\.\d+)?)/.exec(goal);
  if (!m) return undefined;
  return { op: m[1] as '≤' | '≥', bound: Number((m[2] as string).replaceAll(',', '')) };
}

/** Judges `value` (and the tail of `samples`) against `goal`; undefined when the goal states no bound. */
export function judgeGoal(goal: string, value: number, samples: readonly number[]): GoalVerdict | undefined {
  const parsed = parseGoal(goal);
  if (!parsed) return undefined;
  const within = (x: number) => (parsed.op === '≤' ? x <= parsed.bound : x >= parsed.bound);
  const tail = parsed.op === '≤' ? 'p90' : 'p10';
  const s = samples.length > 0 ? samples : [value];
  return { met: within(value), tailMet: within(percentile(s, tail === 'p90' ? 90 : 10)), tail };
}

/** The report's "Met?" cell: "yes", "no", or "yes (p90: no)" when the tail misses; "—" without a bound. */
export function metCell(goal: string | null, value: number, samples: readonly number[]): string {
  const verdict = goal === null ? undefined : judgeGoal(goal, value, samples);
  if (!verdict) return '—';
  const head = verdict.met ? 'yes' : '**no**';
  return verdict.tailMet ? head : `${head} (${verdict.tail}: no)`;
}
