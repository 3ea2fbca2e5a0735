/** What a benchmark module (`bench/*.bench.ts`) default-exports: an array of cases. */
export interface BenchCase {
  /** What is measured, e.g. "journaled steps/s, 1 000 sequential steps". */
  name: string;
  /** Section of the report, e.g. "engine". */
  group: string;
  /** The target, as people read it, e.g. "≥ 20 000 steps/s". */
  goal?: string;
  run(opts: { quick: boolean }): Promise<BenchResult>;
}

/** The outcome of one case. */
export interface BenchResult {
  /** The headline figure (usually the median of `samples`). */
  value: number;
  unit: string;
  /** Every measurement, in `unit`; min/median/max in the report come from these. */
  samples: number[];
  /** What the number means and how it was taken. */
  note?: string;
}
