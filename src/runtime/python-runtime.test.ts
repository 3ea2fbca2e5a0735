import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AttemptFailedEvent, type JournalEvent, reduceJournal, type StepFailedEvent } from '../engine';
import { loadNodePython, readSdkSources } from './node';
import { createPythonRuntime, type PythonRuntime } from './python-runtime';
import { createHarness, type Harness, T0 } from './test-harness';

process.env.TZ = 'UTC';

let runtime: PythonRuntime;
let pyodide: Awaited<ReturnType<typeof loadNodePython>>['pyodide'];
const harnesses: Harness[] = [];

beforeAll(async () => {
  ({ runtime, pyodide } = await loadNodePython({ stdout: () => {} }));
});

afterEach(() => {
  for (const h of harnesses.splice(0)) h.dispose();
});

function harness(source: string): Harness {
  const h = createHarness(runtime, source);
  harnesses.push(h);
  return h;
}

/** Runs a module's only workflow once to the end and returns its view and journal. */
async function runOnce(source: string, params?: unknown) {
  const h = harness(source);
  const workflow = h.module.workflows[0];
  if (!workflow) throw new Error('no workflow');
  const handle = await h.engine.binding(workflow.workflowName).create({ id: 'i1', params });
  const view = await h.run(handle.id);
  return { h, view, journal: await h.journal('i1') };
}

const ofType = <T extends JournalEvent['type']>(events: JournalEvent[], type: T) =>
  events.filter((e): e is Extract<JournalEvent, { type: T }> => e.type === type);

const HEADER =
  'import asyncio\nimport datetime\nimport time\nfrom workers import WorkflowEntrypoint\nfrom workers.workflows import NonRetryableError\n';

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
    const result = runtime.loadModule({
      source: 'from workers import WorkflowEntrypoint\n\nx = (1,\n',
      filename: 'broken.py',
      clock: { now: () => 0, setTimer: () => ({ dispose() {} }) },
      binding: () => {
        throw new Error('unused');
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
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
    const result = runtime.loadModule({
      source: 'import json\n\nRATE = json.loads("{")\n',
      filename: 'rates.py',
      clock: { now: () => 0, setTimer: () => ({ dispose() {} }) },
      binding: () => {
        throw new Error('unused');
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
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
    expect(runtime.stats()).toEqual({ modules: expect.any(Number), runs: 0, attempts: 0 });
  });

  it('refuses to install a different SDK into a Pyodide that already has one, and reuses the same one', () => {
    const sources = readSdkSources();
    expect(createPythonRuntime({ pyodide, sources })).toBe(runtime);
    const edited = { ...sources, '/x/workers/extra.py': '# changed\n' };
    expect(() => createPythonRuntime({ pyodide, sources: edited })).toThrow(
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
      }),
    ).rejects.toThrow('The module of workflow "gone" was unloaded');
  });
});

describe('print() capture', () => {
  it("journals each attempt's output with that attempt, and concurrent steps do not mix", async () => {
    const { journal } = await runOnce(`${HEADER}
class Printer(WorkflowEntrypoint):
    async def run(self, event, step):
        def talker(word):
            async def talk(ctx):
                for i in range(3):
                    print(word, i)
                    await asyncio.sleep(0)
                print(word, "attempt", ctx["attempt"], end="")
                if ctx["attempt"] == 1 and word == "left":
                    raise RuntimeError("again")
                return word
            return talk

        step.do("left", config={"retries": {"limit": 1, "delay": 0}})(talker("left"))
        step.do("right")(talker("right"))

        @step.do(concurrent=True)
        async def both(left, right):
            return [left, right]

        return await both()
`);
    const logs = (name: string) =>
      journal
        .filter((e) => (e.type === 'attempt-failed' || e.type === 'step-succeeded') && e.name === name)
        .map((e) => (e as { logs: string[] }).logs.join(''));
    expect(logs('left')).toEqual(['left 0\nleft 1\nleft 2\nleft attempt 1', 'left 0\nleft 1\nleft 2\nleft attempt 2']);
    expect(logs('right')).toEqual(['right 0\nright 1\nright 2\nright attempt 1']);
  });

  it('sends print() outside steps to onRunLog, with instance, workflow and run', async () => {
    const { h } = await runOnce(`${HEADER}
class Loud(WorkflowEntrypoint):
    async def run(self, event, step):
        print("starting run")
        await step.sleep("nap", 1)
        print("after the nap", end="")
`);
    expect(h.runLogs).toEqual([
      { instanceId: 'i1', workflowName: 'loud', run: 1, text: 'starting run\n' },
      { instanceId: 'i1', workflowName: 'loud', run: 2, text: 'starting run\n' },
      { instanceId: 'i1', workflowName: 'loud', run: 2, text: 'after the nap' },
    ]);
  });

  it('caps print() outside steps at 64 KiB per run and says how much it dropped when the run ends', async () => {
    const { h, view } = await runOnce(`${HEADER}
class Flood(WorkflowEntrypoint):
    async def run(self, event, step):
        for i in range(100):
            print("y" * 1023)
        return "done"
`);
    expect(view.output).toBe('done');
    const text = h.runLogs.map((entry) => entry.text).join('');
    const kept = `${'y'.repeat(1023)}\n`.repeat(64);
    expect(text).toBe(`${kept}[truncated 36864 bytes]\n`);
  });
});

describe('errors', () => {
  it('keeps the Python traceback (user frames only) on the journaled error', async () => {
    const { journal, view } = await runOnce(`${HEADER}
def parse(text):
    return int(text)

class Failing(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 0, "delay": 0}})
        async def convert():
            return parse("x")

        await convert()
`);
    const [failed] = ofType(journal, 'attempt-failed') as AttemptFailedEvent[];
    expect(failed?.error.name).toBe('ValueError');
    expect(failed?.error.message).toBe("invalid literal for int() with base 10: 'x'");
    expect(failed?.error.traceback).toBe(
      [
        'Traceback (most recent call last):',
        '  File "flow.py", line 14, in convert',
        '    return parse("x")',
        '  File "flow.py", line 8, in parse',
        '    return int(text)',
        "ValueError: invalid literal for int() with base 10: 'x'",
        '',
      ].join('\n'),
    );
    expect(view.error?.name).toBe('ValueError');
    expect(view.error?.traceback).toContain('File "flow.py", line 16, in run');
    expect(view.error?.traceback).not.toContain('workers/_');
  });

  it('maps step errors into run(): ValueError, TypeError, NonRetryableError keep their type; others are JsException', async () => {
    const { view } = await runOnce(`${HEADER}
class Custom(Exception):
    pass

class Mapper(WorkflowEntrypoint):
    async def run(self, event, step):
        seen = []
        for exc in [ValueError("v"), TypeError("t"), NonRetryableError("n"), KeyError("k"), Custom("c")]:
            @step.do(type(exc).__name__, config={"retries": {"limit": 0, "delay": 0}})
            async def boom():
                raise exc
            try:
                await boom()
            except Exception as e:
                seen.append([type(e).__name__, str(e)])
        return seen
`);
    expect(view.output).toEqual([
      ['ValueError', 'v'],
      ['TypeError', 't'],
      ['NonRetryableError', 'n'],
      ['JsException', "KeyError: 'k'"],
      ['JsException', 'Custom: c'],
    ]);
  });

  it('reports SDK misuse with messages that say what to write instead', async () => {
    const { view } = await runOnce(`${HEADER}
class Misuse(WorkflowEntrypoint):
    async def run(self, event, step):
        out = []
        def attempt(fn):
            try:
                fn()
            except Exception as e:
                out.append(f"{type(e).__name__}: {e}")
        async def attempt_async(coro_fn):
            try:
                await coro_fn()
            except Exception as e:
                out.append(f"{type(e).__name__}: {e}")

        def bare():
            @step.do
            async def no_parens():
                return 1
        attempt(bare)
        attempt(lambda: step.do(42))
        attempt(lambda: step.do("x", depends="a"))
        attempt(lambda: step.do("x", depends=[print])(lambda x: x))
        attempt(lambda: step.do("x")(42))
        attempt(lambda: step.sleep("nap", True))
        attempt(lambda: step.sleep(7, 1))
        attempt(lambda: step.wait_for_event("w", 5))
        attempt(lambda: step.wait_for_event("w", "t", timeout=[1]))
        attempt(lambda: self.env.NOPE)
        attempt(lambda: step.sleep_until("until", [1]))
        attempt(lambda: step.wait_for_event(3, "t"))
        attempt(lambda: step.sleep("nap", -5))
        attempt(lambda: step.wait_for_event("w", "t", timeout=float("inf")))

        @step.do("a")
        async def a(b):
            return b

        @step.do("b")
        async def b(a):
            return a

        await attempt_async(a)
        return out
`);
    expect(view.output).toEqual([
      'TypeError: step.do must be called to make the decorator: write @step.do() or @step.do("name")',
      'TypeError: step.do name must be a str, not int',
      'TypeError: depends must be a list of steps, not str',
      'TypeError: depends[0] is not a step: pass functions decorated with @step.do',
      'TypeError: @step.do must decorate a function, not int',
      'TypeError: duration must be a number of seconds or a duration string like "10 seconds", not bool',
      'TypeError: step.sleep name must be a str, not int',
      'TypeError: event_type must be a str, not int',
      'TypeError: timeout must be a number of seconds or a duration string like "10 seconds", not list',
      "AttributeError: env has no binding 'NOPE' (bindings here: MISUSE; each WorkflowEntrypoint subclass gets one, named UPPER_SNAKE of its class name)",
      'TypeError: timestamp must be a number of seconds or a duration string like "10 seconds", not list',
      'TypeError: step.wait_for_event name must be a str, not int',
      'ValueError: duration must be a number of seconds ≥ 0 or a duration string like "10 seconds", got -5',
      'ValueError: timeout must be a number of seconds ≥ 0 or a duration string like "10 seconds", got inf',
      'TypeError: Steps depend on each other in a cycle: a -> b -> a',
    ]);
  });

  it('reports binding misuse and a missing run() with messages that say what to pass', async () => {
    const { view } = await runOnce(`${HEADER}
class Binder(WorkflowEntrypoint):
    async def run(self, event, step):
        out = []
        async def attempt(coro):
            try:
                await coro
            except Exception as e:
                out.append(f"{type(e).__name__}: {e}")
        await attempt(self.env.NO_RUN.create(["id"]))
        await attempt(self.env.NO_RUN.create({"params": {1, 2}}))
        await attempt(self.env.NO_RUN.create_batch("x"))
        await attempt(self.env.NO_RUN.get(42))
        await attempt(self.env.NO_RUN.get("nobody"))

        @step.do()
        async def make_child():
            return (await self.env.NO_RUN.create(id="child")).id

        child_id = await make_child()
        await step.sleep("let it fail", 1)
        child = await self.env.NO_RUN.get(child_id)
        status = await child.status()
        out.append([status.status, status.error])
        await attempt(child.send_event({"type": "x"}))
        return out

class NoRun(WorkflowEntrypoint):
    pass
`);
    expect(view.output).toEqual([
      'TypeError: create options must be a dict (or a JS object), not list',
      'TypeError: workflow binding arguments must be JSON-like: Object of type set is not JSON serializable',
      'TypeError: create_batch takes a list of option dicts, not str',
      'TypeError: instance id must be a str, not int',
      'JsException: WorkflowError: (instance.not_found) Workflow instance with id "nobody" not found',
      ['errored', { name: 'NotImplementedError', message: 'NoRun must define: async def run(self, event, step)' }],
      'JsException: WorkflowError: (instance.cannot_send_event) Cannot send an event to a workflow instance in the finite state "errored"',
    ]);
  });

  it('says which fields a received event has when an attribute is wrong', async () => {
    const h = harness(`${HEADER}
class Waiter(WorkflowEntrypoint):
    async def run(self, event, step):
        evt = await step.wait_for_event("w", "go")
        try:
            return evt.body
        except AttributeError as e:
            return str(e)
`);
    const handle = await h.engine.binding('waiter').create({ id: 'w1' });
    await handle.sendEvent({ type: 'go', payload: {} });
    expect((await h.run('w1')).output).toBe("event has no field 'body'; fields: type, payload, timestamp");
  });

  it('fails an attempt whose own code raises CancelledError instead of hanging', async () => {
    const { journal } = await runOnce(`${HEADER}
class SelfCancel(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 0, "delay": 0}})
        async def quits():
            raise asyncio.CancelledError("by the user")
        try:
            await quits()
        except Exception as e:
            return str(e)
`);
    const [failed] = ofType(journal, 'attempt-failed');
    expect(failed?.error).toMatchObject({ name: 'CancelledError', message: 'by the user' });
    expect(reduceJournal(journal).output).toBe('CancelledError: by the user');
  });
});

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

describe('eviction and cancellation', () => {
  it('evicts a run by cancelling its Task: `except Exception` never sees it, `finally` does', async () => {
    const h = harness(`${HEADER}
SEEN = []

class Evicted(WorkflowEntrypoint):
    async def run(self, event, step):
        try:
            await step.sleep("nap", "1 hour")
        except Exception as e:
            SEEN.append("except Exception: " + type(e).__name__)
        finally:
            SEEN.append("finally")

        @step.do()
        async def seen():
            return SEEN

        return await seen()
`);
    await h.engine.binding('evicted').create({ id: 'e1' });
    await h.idle();
    expect(ofType(await h.journal('e1'), 'run-evicted')).toHaveLength(1);
    expect(runtime.stats()).toMatchObject({ runs: 0, attempts: 0 });
    const view = await h.run('e1');
    // Run 1 went through `finally` when its Task was cancelled; run 2 replays the finished sleep and goes
    // through it normally. Neither reached `except Exception`.
    expect(view.output).toEqual(['finally', 'finally']);
    expect(view.runs.map((r) => r.end)).toEqual(['evicted', 'finished']);
  });

  it('cancels the Task of a timed-out attempt, so its code stops where it awaited', async () => {
    const { view, journal } = await runOnce(`${HEADER}
EVENTS = []

class Slow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 1, "delay": 0}, "timeout": "1 minute"})
        async def slow(ctx):
            try:
                if ctx["attempt"] == 1:
                    await asyncio.sleep(3600)
                    EVENTS.append("woke up after the timeout")
                return ctx["attempt"]
            except asyncio.CancelledError:
                EVENTS.append(f"attempt {ctx['attempt']} cancelled")
                raise

        attempt = await slow()

        @step.do()
        async def events():
            return EVENTS

        return [attempt, await events()]
`);
    expect(ofType(journal, 'attempt-failed')[0]?.error).toMatchObject({
      name: 'WorkflowTimeoutError',
      message: 'Execution timed out after 60000ms',
    });
    expect(view.output).toEqual([2, ['attempt 1 cancelled']]);
  });
  it('does not evict a run, nor settle, while Python hops between two engine calls', async () => {
    const h = harness(`${HEADER}
class Hops(WorkflowEntrypoint):
    async def run(self, event, step):
        async def later():
            for _ in range(40):
                await asyncio.sleep(0)

            @step.do()
            async def late(ctx):
                return "late"

            return await late()

        _, late = await asyncio.gather(step.sleep("nap", "1 minute"), later())
        return late
`);
    await h.engine.binding('hops').create({ id: 'hops' });
    await h.idle();
    // Forty asyncio hops with only the sleep pending: the run stays alive until "late" is journaled.
    const started = ofType(await h.journal('hops'), 'step-started');
    expect(started.map((e) => e.name)).toEqual(['late']);
    const view = await h.run('hops');
    expect(view.steps[0]?.attempts.map((a) => a.run)).toEqual([1]);
    expect(view.runs.map((r) => r.end)).toEqual(['evicted', 'finished']);
    expect(view.output).toBe('late');
  });
});

describe('time', () => {
  it('reads the engine clock inside runs and steps, and the real clock outside', async () => {
    const before = Date.now();
    const outside = Number(pyodide.runPython('import time\ntime.time()')) * 1000;
    expect(outside).toBeGreaterThanOrEqual(before - 1000);
    const { view } = await runOnce(`${HEADER}
from datetime import datetime as imported_datetime

class Clocks(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def inside():
            now = datetime.datetime.now()
            return {
                "time": time.time(),
                "time_ns": time.time_ns() // 1_000_000,
                "now": now.isoformat(),
                "imported_now": imported_datetime.now().isoformat(),
                "utcnow": datetime.datetime.utcnow().isoformat(),
                "aware": datetime.datetime.now(datetime.timezone.utc).isoformat(),
                "today": datetime.date.today().isoformat(),
                "isinstance": isinstance(now, datetime.datetime) and isinstance(now, datetime.date),
                "repr": repr(datetime.datetime(2020, 1, 2)),
            }

        first = await inside()
        await step.sleep("a day", "1 day")
        return [first, time.time()]
`);
    expect(view.output).toEqual([
      {
        time: T0 / 1000,
        time_ns: T0,
        now: '2001-09-09T01:46:40',
        imported_now: '2001-09-09T01:46:40',
        utcnow: '2001-09-09T01:46:40',
        aware: '2001-09-09T01:46:40+00:00',
        today: '2001-09-09',
        isinstance: true,
        repr: 'datetime.datetime(2020, 1, 2, 0, 0)',
      },
      T0 / 1000 + 86400,
    ]);
  });

  it('counts asyncio activity, so hosts can tell when Python is idle', async () => {
    const before = runtime.activity();
    await pyodide.runPythonAsync('import asyncio\nawait asyncio.sleep(0)');
    expect(runtime.activity()).toBeGreaterThan(before);
  });
});
