/**
 * @internal Test helper: an executor core without the worker (the worker's core over a database), for
 * `*.test.ts` here and the suites in `tests/`.
 */
import type { WorkflowBody } from '../engine';
import type { PythonRuntime } from '../runtime';
import { createExecutorCore, type ExecutorCore, type ExecutorCoreDeps } from './executor-core';
import { createStepGuard } from './step-guard';

/**
 * An executor core on `db` with a step guard that never fires, no event listener, wall time 0 and ids `id-1`,
 * `id-2`, …; `deps` overrides any of them.
 */
export function createTestCore(
  deps: Pick<ExecutorCoreDeps, 'runtime' | 'db' | 'clock'> & Partial<ExecutorCoreDeps>,
): ExecutorCore {
  let ids = 0;
  return createExecutorCore({
    guard: createStepGuard({ emit: () => {}, kill: () => {} }),
    emit: () => {},
    defer: (cb) => setImmediate(cb),
    wallNow: () => 0,
    newId: () => `id-${++ids}`,
    ...deps,
  });
}

/** A runtime whose every file defines one workflow, `wf` (class `Wf`), running `body`. */
export function oneWorkflowRuntime(body: WorkflowBody): Pick<PythonRuntime, 'loadModule'> {
  return {
    loadModule: () => ({
      ok: true,
      module: {
        workflows: [{ className: 'Wf', workflowName: 'wf', bindingName: 'WF', line: 1 }],
        body: (name) => (name === 'wf' ? body : undefined),
        dispose() {},
      },
    }),
  };
}
