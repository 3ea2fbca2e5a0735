/**
 * A Python value that is not JSON-like cannot cross as JSON text, but the engine must still see *a* value it
 * rejects, so that the instance errors naming the step (or `run()`) with the engine's own message and no
 * retry. Python reports where the problem is; this rebuilds just that path with a JS value the engine's
 * `toJson` rejects at the same place: an instance of a class named after the Python type (or of a dict with keys
 * of that type), or a cycle. (Sets, bytes, NaN, big ints … cross tagged: `workers/_values.py`.)
 */

/** What `workers/_values.py` reports for an unserialisable value. */
export interface UnserialisableProblem {
  path: (string | number)[];
  kind: 'type' | 'cycle' | 'key';
  /** The Python type name (of the key, for `key`). */
  type: string;
}

function namedInstance(name: string): object {
  const cls = { [name]: class {} }[name] as new () => object;
  return new cls();
}

/** A JS value that fails the engine's JSON check at `problem.path`. */
export function unserialisableStandIn(problem: UnserialisableProblem): unknown {
  let leaf: unknown = null;
  switch (problem.kind) {
    case 'key':
      leaf = namedInstance(`dict with ${problem.type} keys`);
      break;
    case 'cycle':
      break;
    default:
      leaf = namedInstance(problem.type);
  }
  let value = leaf;
  for (let i = problem.path.length - 1; i >= 0; i--) {
    const key = problem.path[i] as string | number;
    if (typeof key === 'number') {
      const list: unknown[] = new Array(key).fill(null);
      list.push(value);
      value = list;
    } else {
      value = { [key]: value };
    }
  }
  if (problem.kind === 'cycle' && problem.path.length > 0) {
    // Close the cycle on the outermost container: the value at `path` refers back to the root.
    let parent = value as Record<string | number, unknown>;
    for (const key of problem.path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    parent[problem.path.at(-1) as string | number] = value;
  }
  return value;
}
