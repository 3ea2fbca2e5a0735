/**
 * Entry of the executor module worker (spawned by the supervisor with `{ type: 'module' }`).
 * Wires the real worker global and the real Pyodide into the message loop; all logic is in executor-host.ts.
 */
import { bootPython } from './boot-python';
import { startExecutorHost, type WorkerScope } from './executor-host';

startExecutorHost(self as unknown as WorkerScope, {
  bootPython: (indexURL) => bootPython(indexURL, () => performance.now()),
});
