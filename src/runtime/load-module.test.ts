/**
 * Loading user modules into the runtime: workflow names, syntax and import errors, one import shared by
 * many instances, one SDK per Pyodide, and disposal.
 */
import { describe, expect, it } from 'vitest';
import { readSdkSources } from './node';
import { createPythonRuntime } from './python-runtime';
import { T0 } from './test-harness';
import { HEADER, setupPythonRuntime } from './test-runtime';

const python = setupPythonRuntime();
const { harness } = python;

/** Loads a module that must fail to load, with no engine behind it, and returns the error. */
function loadFailing(source: string, filename: string) {
  const result = python.runtime.loadModule({
    source,
    filename,
    clock: { now: () => 0, setTimer: () => ({ dispose() {} }) },
    binding: () => {
      throw new Error('unused');
    },
  });
  if (result.ok) throw new Error(`${filename} loaded, but the test expects a load error`);
  return result;
}

describe('loading modules', () => {
  it('names each WorkflowEntrypoint subclass: kebab-case workflowName, UPPER_SNAKE binding, class line', () => {
    const h = harness(
      `${HEADER}\nclass MyWorkflow(WorkflowEntrypoint):\n    pass\n\nclass HTTPFetchWorkflow(WorkflowEntrypoint):\n    pass\n\nclass Order2Workflow(WorkflowEntrypoint):\n    pass\n`,
    );
    expect(h.module.workflows).toEqual([
      { className: 'MyWorkflow', workflowName: 'my-workflow', bindingName: 'MY_WORKFLOW', line: 7 },
      {
        className: 'HTTPFetchWorkflow',
        workflowName: 'http-fetch-workflow',
        bindingName: 'HTTP_FETCH_WORKFLOW',
        line: 10,
      },
      { className: 'Order2Workflow', workflowName: 'order2-workflow', bindingName: 'ORDER2_WORKFLOW', line: 13 },
    ]);
  });

  it('returns a syntax error with its line and column instead of throwing', () => {
    const result = loadFailing('from workers import WorkflowEntrypoint\n\nx = (1,\n', 'broken.py');
    expect({ ...result.error, traceback: undefined }).toEqual({
      kind: 'syntax',
      name: 'SyntaxError',
      message: "'(' was never closed",
      line: 3,
      column: 5,
      traceback: undefined,
    });
  });

  it('returns an error raised while importing, with the line in the user file and its traceback', () => {
    const result = loadFailing('import json\n\nRATE = json.loads("{")\n', 'rates.py');
    expect(result.error).toMatchObject({
      kind: 'import',
      name: 'JSONDecodeError',
      message: 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)',
      line: 3,
    });
    expect(result.error.traceback).toContain('File "rates.py", line 3, in <module>');
  });

  it('imports a module once and runs many instances of it concurrently on one interpreter', async () => {
    const h = harness(`${HEADER}
IMPORTS = []
IMPORTS.append(1)

class Doubler(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def double():
            await asyncio.sleep(0)
            return event["payload"]["n"] * 2

        await step.sleep("nap", event["payload"]["n"])

        @step.do()
        async def imports():
            return len(IMPORTS)

        return [await double(), await imports()]
`);
    const binding = h.engine.binding('doubler');
    const ids = Array.from({ length: 20 }, (_, n) => `d${n}`);
    await Promise.all(ids.map((id, n) => binding.create({ id, params: { n } })));
    const views = [];
    for (const id of ids) views.push(await h.run(id));
    expect(views.map((v) => v.output)).toEqual(ids.map((_, n) => [n * 2, 1]));
    expect(python.runtime.stats()).toEqual({ modules: expect.any(Number), runs: 0, attempts: 0 });
  });

  it('refuses to install a different SDK into a Pyodide that already has one, and reuses the same one', () => {
    const sources = readSdkSources();
    expect(createPythonRuntime({ pyodide: python.pyodide, sources })).toBe(python.runtime);
    const edited = { ...sources, '/x/workers/extra.py': '# changed\n' };
    expect(() => createPythonRuntime({ pyodide: python.pyodide, sources: edited })).toThrow(
      /^This Pyodide already runs workers SDK [0-9a-f]{8}; SDK [0-9a-f]{8} needs a fresh Pyodide instance\.$/,
    );
  });

  it('rejects runs of a module after it was disposed', async () => {
    const h = harness(
      `${HEADER}\nclass Gone(WorkflowEntrypoint):\n    async def run(self, event, step):\n        return 1\n`,
    );
    const body = h.module.body('gone');
    h.module.dispose();
    await expect(
      body?.({
        event: { payload: {}, timestamp: T0, instanceId: 'x', workflowName: 'gone' },
        step: {} as never,
        run: 1,
        onEvict: () => ({ dispose() {} }),
        log: () => {},
      }),
    ).rejects.toThrow('The module of workflow "gone" was unloaded');
  });
});
