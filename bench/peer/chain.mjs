// The benchmark's workflow body, shared verbatim by both sides: miniflare's workerd imports it from
// workflow.mjs, and our engine imports it from ../peer-miniflare.bench.ts. Plain JavaScript so workerd runs it
// as it is. `doStep(name, fn)` adapts each engine's `step.do`.

/** The value step `i` returns, derived from the previous step's value: a small JSON object. */
export function nextValue(prev, i) {
  return { i, acc: (prev.acc * 31 + i) % 1_000_003, tag: `s${i}` };
}

/** What the chain starts from (the value "before" step 1). */
export const SEED = { i: 0, acc: 1, tag: 'seed' };

/** Runs `steps` sequential steps, each returning nextValue(previous), and returns the last value. */
export async function runChain(steps, doStep) {
  let value = SEED;
  for (let i = 1; i <= steps; i += 1) {
    const prev = value;
    value = await doStep(`s${i}`, () => nextValue(prev, i));
  }
  return value;
}

/** The output a correct run of `steps` steps must end with (checked on both sides). */
export function expectedOutput(steps) {
  let value = SEED;
  for (let i = 1; i <= steps; i += 1) value = nextValue(value, i);
  return value;
}
