/**
 * Values across the boundary: what a step or run() may return, how it is journaled, and the error that
 * names the step when JSON cannot hold it.
 */
import { describe, expect, it } from 'vitest';
import type { StepFailedEvent } from '../engine';
import { HEADER, ofType, setupPythonRuntime } from './test-runtime';

const { runOnce } = setupPythonRuntime();

describe('values across the boundary', () => {
  it('accepts what Cloudflare sends, journals it tagged, and gives back on replay what its SDK gives back', async () => {
    const { view, journal } = await runOnce(`${HEADER}
class Values(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def make():
            return {
                "raw": b"\\x00\\xffok", "tags": {"a"}, "nan": float("nan"), "inf": float("inf"),
                "ninf": float("-inf"), "ids": {1: "one", 2: None}, "big": 2**64 + 1, "pair": (1, 2),
                "when": datetime.datetime(2026, 3, 1, 12, 30), "$type": "mine",
            }

        def describe(v):
            return {
                "raw": [type(v["raw"]).__name__, bytes(v["raw"]).hex()],
                "tags": [type(v["tags"]).__name__, sorted(v["tags"])],
                "floats": [repr(v["nan"]), repr(v["inf"]), repr(v["ninf"])],
                "ids": [sorted(v["ids"]), v.ids["2"]],
                "big": v["big"] == 2**64 + 1,
                "pair": type(v["pair"]).__name__,
                "when": v["when"].isoformat(),
                "type": v["$type"],
                "dict": type(v).__name__,
            }

        first = describe(await make())
        await step.sleep("nap", "1 second")
        return [first, describe(await make())]
`);
    const described = {
      raw: ['memoryview', '00ff6f6b'],
      tags: ['set', ['a']],
      floats: ['nan', 'inf', '-inf'],
      ids: [['1', '2'], null],
      big: true,
      pair: 'list',
      when: '2026-03-01T12:30:00',
      type: 'mine',
      dict: 'JsDict',
    };
    expect(view.status).toBe('complete');
    expect(view.output).toEqual([described, described]);
    const [made] = ofType(journal, 'step-succeeded');
    expect(made?.result).toEqual({
      $type: 'dict',
      entries: {
        raw: { $type: 'bytes', base64: 'AP9vaw==' },
        tags: { $type: 'set', items: ['a'] },
        nan: { $type: 'float', value: 'nan' },
        inf: { $type: 'float', value: 'inf' },
        ninf: { $type: 'float', value: '-inf' },
        ids: { '1': 'one', '2': null },
        big: { $type: 'bigint', value: '18446744073709551617' },
        pair: [1, 2],
        when: { $type: 'datetime', ms: Date.UTC(2026, 2, 1, 12, 30) },
        $type: 'mine',
      },
    });
  });

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
    [
      'a cycle',
      'x = {}\n            x["self"] = x\n            return x',
      '$.self refers back to one of its parents (a cycle)',
    ],
    ['an object', 'return object()', '$ is an instance of object, not a plain object'],
    ['a dict with tuple keys', 'return [{(1, 2): "a"}]', '$[0] is a dict with tuple keys, not a plain object'],
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
        'The execution of the Workflow instance was terminated, as the step "produce" returned a value which is not serialisable',
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
        return {"when": object()}
`);
    expect(view.error).toEqual({
      name: 'WorkflowFatalError',
      message: 'The value returned by run() is not serialisable: $.when is an instance of object, not a plain object',
    });
  });

  it('passes params Cloudflare can send (a set, bytes) to a child instance, which gets them back as its SDK gives them', async () => {
    const { h, view } = await runOnce(`${HEADER}
class Parent(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def spawn():
            return (await self.env.CHILD.create(id="child", params={"tags": {"a"}, "raw": b"\\x01", 7: None})).id

        return await spawn()

class Child(WorkflowEntrypoint):
    async def run(self, event, step):
        p = event["payload"]
        return [type(p["tags"]).__name__, sorted(p["tags"]), bytes(p["raw"]).hex(), p["7"]]
`);
    expect(view.output).toBe('child');
    expect((await h.run('child')).output).toEqual(['set', ['a'], '01', null]);
  });
});
