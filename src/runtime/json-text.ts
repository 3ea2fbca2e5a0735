/**
 * Values cross the Python boundary as JSON text. Python's `json` reads and writes the bare tokens
 * `Infinity`/`NaN`, which JSON.parse/stringify do not; step configs (`limit: Infinity`) and resolved step
 * contexts need them, so they travel as marker strings on the JS side.
 */

const POS = '__workers_Infinity__';
const NEG = `-${POS}`;
const NAN = '__workers_NaN__';

/** JSON text for Python's `json.loads`, keeping ±Infinity and NaN as Python floats. */
export function toPythonJson(value: unknown): string {
  const text = JSON.stringify(value ?? null, (_key, v: unknown) => {
    if (typeof v !== 'number' || Number.isFinite(v)) return v;
    return Number.isNaN(v) ? NAN : v > 0 ? POS : NEG;
  });
  return text.replaceAll(`"${POS}"`, 'Infinity').replaceAll(`"${NEG}"`, '-Infinity').replaceAll(`"${NAN}"`, 'NaN');
}

/** Parses JSON text from Python whose ±Infinity were written as marker strings (see `config_to_json`). */
export function fromPythonJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => (v === POS ? Infinity : v === NEG ? -Infinity : v));
}
