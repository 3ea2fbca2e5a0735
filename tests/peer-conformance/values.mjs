// Shared by both sides of the differential suite (plain JavaScript: workerd imports it unchanged, and so does
// our side under Node). `encode` turns any value into JSON that keeps what JSON would lose (undefined, Date,
// typed arrays, NaN, Map, Set, errors), so the two sides' values can be compared exactly after crossing
// processes; the trace records what a workflow body did, per instance, with wall times.

/** A JSON form of `value` that tells apart what JSON.stringify would merge or drop. */
export function encode(value, seen = new Set()) {
  if (value === undefined) return { $: 'undefined' };
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $: 'number', v: String(value) };
  if (typeof value === 'bigint') return { $: 'bigint', v: String(value) };
  if (typeof value === 'function') return { $: 'function' };
  if (typeof value !== 'object') return { $: typeof value };
  if (seen.has(value)) return { $: 'cycle' };
  seen.add(value);
  try {
    if (value instanceof Date) return { $: 'Date', v: Number.isNaN(value.getTime()) ? 'Invalid' : value.toISOString() };
    if (ArrayBuffer.isView(value)) return { $: value.constructor.name, v: Array.from(value, String) };
    if (value instanceof ArrayBuffer) return { $: 'ArrayBuffer', v: Array.from(new Uint8Array(value), String) };
    if (value instanceof Map) return { $: 'Map', v: [...value].map(([k, v]) => [encode(k, seen), encode(v, seen)]) };
    if (value instanceof Set) return { $: 'Set', v: [...value].map((v) => encode(v, seen)) };
    if (value instanceof Error) return { $: 'Error', name: value.name, message: value.message };
    if (Array.isArray(value)) return value.map((v) => encode(v, seen));
    const out = {};
    for (const key of Object.keys(value)) out[key] = encode(value[key], seen);
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) out.$class = proto?.constructor?.name ?? 'unknown';
    return out;
  } finally {
    seen.delete(value);
  }
}

/** `{name, message}` of anything thrown (what both sides compare of an error). */
export function errorOf(error) {
  if (error && typeof error === 'object') return { name: String(error.name), message: String(error.message) };
  return { name: typeof error, message: String(error) };
}

/** Per-instance traces of what workflow bodies did: `record(id, entry)` adds `{...entry, at: Date.now()}`. */
export function createTraces() {
  const traces = new Map();
  return {
    record(instanceId, entry) {
      const list = traces.get(instanceId) ?? [];
      list.push({ ...entry, at: Date.now() });
      traces.set(instanceId, list);
    },
    read(instanceId) {
      return traces.get(instanceId) ?? [];
    },
  };
}
