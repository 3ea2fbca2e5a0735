/**
 * Values across the boundary: what a step or run() may return, how it is journaled, and the error that
 * names the step when JSON cannot hold it.
 */
import { describe, expect, it } from 'vitest';
import type { StepFailedEvent } from '../engine';
import { HEADER, ofType, setupPythonRuntime } from './test-runtime';

const { runOnce } = setupPythonRuntime();

describe('values across the boundary', () => {
  it('journals JSON: None stays None on replay, tuples become lists, float("inf") works in a config', async () => {
    const { view, journal } = await runOnce(`${HEADER}
class Values(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": float("inf"), "delay": 0}})
        async def make():
            return {"none": None, "pair": (1, 2), "text": "é", "big": 2**53}

        value = await make()
        await step.sleep("nap", 1)
        return [value, type(value["pair"]).__name__]
`);
    expect(view.output).toEqual([{ none: null, pair: [1, 2], text: 'é', big: 2 ** 53 }, 'list']);
    expect(ofType(journal, 'step-started')[0]?.config.retries.limit).toBe(Number.POSITIVE_INFINITY);
  });

  const unserialisable: [string, string, string][] = [
    ['a set', 'return {"tags": {"a"}}', '$.tags is a set, not a plain object'],
    ['a dict with int keys', 'return [{1: "a"}]', '$[0] is a dict with int keys, not a plain object'],
    ['NaN', 'return {"x": [1, float("nan")]}', '$.x[1] is NaN, which JSON cannot represent'],
    [
      'a cycle',
      'x = {}\n            x["self"] = x\n            return x',
      '$.self refers back to one of its parents (a cycle)',
    ],
    ['an object', 'return object()', '$ is an instance of object, not a plain object'],
    [
      'an int JSON cannot hold exactly',
      'return {"id": 2**53 + 1}',
      '$.id is an integer JSON numbers cannot hold exactly (a BigInt)',
    ],
  ];
  for (const [what, body, reason] of unserialisable) {
    it(`errors the instance, naming the step, when a step returns ${what}`, async () => {
      const { view, journal } = await runOnce(`${HEADER}
class Bad(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def produce():
            ${body}
        try:
            await produce()
        except Exception:
            return "caught"
`);
      const [failed] = ofType(journal, 'step-failed') as StepFailedEvent[];
      expect(failed?.error).toEqual({
        name: 'WorkflowFatalError',
        message: `Value returned from step "produce" is not serialisable: ${reason}`,
      });
      expect(view.status).toBe('errored');
      expect(view.error?.message).toBe(
        'The execution of the Workflow instance was terminated, as the step "produce" returned a value which is not serialisable or larger than 1 MiB',
      );
      expect(ofType(journal, 'attempt-started')).toHaveLength(1);
    });
  }

  it('journals a JS object returned by a step as what it converts to', async () => {
    const { view } = await runOnce(`${HEADER}
from js import Object
from pyodide.ffi import to_js

class FromJs(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def js_value():
            return to_js({"a": [1, None], "b": "x"}, dict_converter=Object.fromEntries)

        return await js_value()
`);
    expect(view.output).toEqual({ a: [1, null], b: 'x' });
  });

  it('errors the instance when run() returns something that is not JSON-like', async () => {
    const { view } = await runOnce(`${HEADER}
class BadOutput(WorkflowEntrypoint):
    async def run(self, event, step):
        return {"when": datetime.datetime(2020, 1, 1)}
`);
    expect(view.error).toEqual({
      name: 'WorkflowFatalError',
      message: 'The value returned by run() is not serialisable: $.when is a datetime, not a plain object',
    });
  });
});
