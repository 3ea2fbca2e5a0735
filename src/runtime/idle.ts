import type { Engine } from '../engine';
import type { PythonRuntime } from './python-runtime';

/** Host turns without new asyncio callbacks after which Python counts as idle. */
const IDLE_TURNS = 3;

/**
 * Resolves when the engine has settled and Python is idle as well. `engine.settle()` only sees the engine's
 * own work; a Python body between two engine calls (asyncio hops, each a host macrotask) looks idle to it. So
 * after each settle, wait a few host turns (`turn`: `setImmediate` in Node, which is what Pyodide uses there;
 * a `MessageChannel` round trip in a worker) and settle again if Python scheduled anything meanwhile.
 *
 * A step that awaits the virtual clock (`asyncio.sleep`) or a step timeout counts as idle: hosts that drive a
 * virtual clock advance it at such a point.
 */
export async function whenIdle(
  engine: Pick<Engine, 'settle'>,
  runtime: Pick<PythonRuntime, 'activity'>,
  turn: () => Promise<void>,
): Promise<void> {
  for (;;) {
    await engine.settle();
    const before = runtime.activity();
    for (let i = 0; i < IDLE_TURNS; i++) await turn();
    if (runtime.activity() === before) return;
  }
}
