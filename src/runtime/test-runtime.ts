/**
 * @internal Vitest setup shared by the runtime's Pyodide test files: one Pyodide per test file, booted in
 * `beforeAll`, and harnesses that are disposed after each test. Only for `*.test.ts` (it registers vitest
 * hooks); benches use `test-harness.ts` directly.
 */
import { afterEach, beforeAll } from 'vitest';
import type { JournalEvent } from '../engine';
import { loadNodePython, type NodePython } from './node';
import type { PythonRuntime } from './python-runtime';
import { createHarness, type Harness, type HarnessOptions } from './test-harness';

// Python runs in UTC, as on Workers and in the CLI, so the naive datetimes tests compare are fixed.
process.env.TZ = 'UTC';

/** The imports most test workflows need, as the first lines of their source. */
export const HEADER =
  'import asyncio\nimport datetime\nimport time\nfrom workers import WorkflowEntrypoint\nfrom workers.workflows import NonRetryableError\n';

/** The events of one type in a journal, typed as that event. */
export const ofType = <T extends JournalEvent['type']>(events: JournalEvent[], type: T) =>
  events.filter((e): e is Extract<JournalEvent, { type: T }> => e.type === type);

/** What {@link setupPythonRuntime} gives a test file. */
export interface PythonTestRuntime {
  /** The file's runtime (read it inside tests: it is set in `beforeAll`). */
  readonly runtime: PythonRuntime;
  /** The Pyodide the runtime is installed in. */
  readonly pyodide: NodePython['pyodide'];
  /** A harness with `source` loaded, disposed after the test. */
  harness(source: string, opts?: HarnessOptions): Harness;
  /** Runs a module's only workflow once, as instance `i1`, to the end and returns its view and journal. */
  runOnce(source: string, params?: unknown, opts?: HarnessOptions): Promise<RunOnce>;
}

/** The outcome of {@link PythonTestRuntime.runOnce}. */
export interface RunOnce {
  h: Harness;
  view: Awaited<ReturnType<Harness['run']>>;
  journal: JournalEvent[];
}

/** Boots Pyodide once for the calling test file and disposes every harness after each test. */
export function setupPythonRuntime(): PythonTestRuntime {
  let python: NodePython | undefined;
  const harnesses: Harness[] = [];

  beforeAll(async () => {
    python = await loadNodePython({ stdout: () => {} });
  });

  afterEach(() => {
    for (const h of harnesses.splice(0)) h.dispose();
  });

  const booted = (): NodePython => {
    if (python === undefined) throw new Error('Pyodide is booted in beforeAll: use the runtime inside a test');
    return python;
  };

  const harness = (source: string, opts?: HarnessOptions): Harness => {
    const h = createHarness(booted().runtime, source, opts);
    harnesses.push(h);
    return h;
  };

  return {
    get runtime() {
      return booted().runtime;
    },
    get pyodide() {
      return booted().pyodide;
    },
    harness,
    async runOnce(source, params, opts) {
      const h = harness(source, opts);
      const workflow = h.module.workflows[0];
      if (!workflow) throw new Error('no workflow');
      const handle = await h.engine.binding(workflow.workflowName).create({ id: 'i1', params });
      const view = await h.run(handle.id);
      return { h, view, journal: await h.journal('i1') };
    },
  };
}
