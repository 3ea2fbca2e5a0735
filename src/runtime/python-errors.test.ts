/**
 * Errors across the boundary: tracebacks, which exception types reach run(), and the messages for SDK and
 * binding misuse.
 */
import { describe, expect, it } from 'vitest';
import { type AttemptFailedEvent, reduceJournal } from '../engine';
import { HEADER, ofType, setupPythonRuntime } from './test-runtime';

const { harness, runOnce } = setupPythonRuntime();

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

  it("maps step errors into run() as workers-py's _from_js_error does after Cloudflare's RPC: the class, and str()", async () => {
    const { view } = await runOnce(`${HEADER}
class Custom(Exception):
    pass

class Mapper(WorkflowEntrypoint):
    async def run(self, event, step):
        seen = []
        for exc in [ValueError("v"), TypeError("t"), NonRetryableError("n"), NonRetryableError(), KeyError("k"), Custom("c")]:
            @step.do(type(exc).__name__ + str(len(seen)), config={"retries": {"limit": 0, "delay": 0}})
            async def boom():
                raise exc
            try:
                await boom()
            except Exception as e:
                seen.append([type(e).__name__, getattr(e, "name", None), str(e)])
        return seen
`);
    const traceback = (last: string) =>
      `Error: PythonError: Traceback (most recent call last):\n  File "flow.py", line 16, in boom\n    raise exc\n${last}\n`;
    expect(view.output).toEqual([
      ['ValueError', null, 'ValueError: v'],
      ['TypeError', null, 'TypeError: t'],
      // workers-py hands a step's NonRetryableError to the engine as a JS NonRetryableError; RPC folds the
      // name into the message and _from_js_error strips it again: str() is the original message.
      ['NonRetryableError', null, 'n'],
      ['NonRetryableError', null, ''],
      // Any other Python exception reached Cloudflare's engine as Pyodide's PythonError (message: the
      // traceback), which RPC folds into an Error: run() gets that JS error.
      ['JsException', 'Error', traceback("KeyError: 'k'")],
      [
        'JsException',
        'Error',
        traceback(`flow__v${/flow__v(\d+)\.Custom/.exec(JSON.stringify(view.output))?.[1]}.Custom: c`),
      ],
    ]);
  });

  it("picks the class from the traceback's last line, as _from_js_error does: a multi-line ValueError stays generic", async () => {
    const { view } = await runOnce(`${HEADER}
class Lines(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 0, "delay": 0}})
        async def boom():
            raise ValueError("first\\nsecond")
        try:
            await boom()
        except ValueError:
            return "ValueError"
        except Exception as e:
            return [type(e).__name__, e.name, str(e).splitlines()[-1]]
`);
    expect(view.output).toEqual(['JsException', 'Error', 'second']);
  });

  it("raises the engine's own errors into run() as Cloudflare's RPC folds them: Error, the name a prefix of the message", async () => {
    const { view } = await runOnce(`${HEADER}
class Folded(WorkflowEntrypoint):
    async def run(self, event, step):
        seen = []
        @step.do(config={"retries": {"limit": 0, "delay": 0}, "timeout": 30})
        async def slow():
            await asyncio.sleep(1)
        try:
            await slow()
        except Exception as e:
            seen.append([type(e).__name__, e.name, e.message, str(e)])
        try:
            await step.wait_for_event("w", "never", timeout="0.05 seconds")
        except Exception as e:
            seen.append([type(e).__name__, e.name, str(e)])
        try:
            await self.env.FOLDED.create(id="bad id!")
        except Exception as e:
            seen.append([type(e).__name__, e.name, str(e).split(":")[:2]])
        try:
            await step.sleep_until("past", 1000)
        except Exception as e:
            seen.append([type(e).__name__, e.name, str(e)])
        return seen
`);
    expect(view.output).toEqual([
      [
        'JsException',
        'Error',
        'WorkflowTimeoutError: Execution timed out after 30ms',
        'Error: WorkflowTimeoutError: Execution timed out after 30ms',
      ],
      ['JsException', 'Error', 'Error: WorkflowTimeoutError: Execution timed out after 50ms'],
      ['JsException', 'Error', ['Error', ' WorkflowError']],
      // A built-in name crosses RPC as it is.
      ['JsException', 'Error', "Error: You can't sleep until a time in the past, time-traveler"],
    ]);
  });

  it('fails the instance with the folded error when run() does not catch it, as on Cloudflare', async () => {
    const { view } = await runOnce(`${HEADER}
class Uncaught(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 0, "delay": 0}, "timeout": 30})
        async def slow():
            await asyncio.sleep(1)
        await slow()
`);
    expect(view.status).toBe('errored');
    expect(view.error).toMatchObject({
      name: 'Error',
      message: 'WorkflowTimeoutError: Execution timed out after 30ms',
    });
  });

  it("fails at once an attempt whose exception cannot be printed, with its class and Python's rendering", async () => {
    const { journal, view } = await runOnce(`${HEADER}
class Unprintable(Exception):
    def __str__(self):
        raise RuntimeError("no")

class Broken(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 0, "delay": 0}})
        async def explode():
            raise Unprintable()
        await explode()
`);
    const failed = ofType(journal, 'attempt-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.error).toMatchObject({ name: 'Unprintable', message: '<exception str() failed>' });
    expect(failed[0]?.error.traceback).toContain('Unprintable: <exception str() failed>');
    expect(view.status).toBe('errored');
    expect(view.error).toMatchObject({ name: 'Unprintable', message: '<exception str() failed>' });
  });

  it("makes wait_for_event's event_type positional-only, as Cloudflare's SDK does", async () => {
    const { view } = await runOnce(`${HEADER}
class Keyword(WorkflowEntrypoint):
    async def run(self, event, step):
        try:
            await step.wait_for_event("w", event_type="go", timeout="1 second")
        except TypeError as e:
            return str(e)
`);
    expect(view.output).toBe(
      "WorkflowStep.wait_for_event() got some positional-only arguments passed as keyword arguments: 'event_type'",
    );
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
        return out
`);
    expect(view.output).toEqual([
      'TypeError: step.do must be called to make the decorator: write @step.do() or @step.do("name")',
      'TypeError: step.do name must be a str, not int',
      'TypeError: depends must be a list of steps, not str',
      'TypeError: depends[0] is not a step: pass functions decorated with @step.do',
      'TypeError: @step.do must decorate a function, not int',
      'TypeError: duration must be a number of milliseconds or a duration string like "10 seconds", not bool',
      'TypeError: step.sleep name must be a str, not int',
      'TypeError: event_type must be a str, not int',
      'TypeError: timeout must be a number of milliseconds or a duration string like "10 seconds", not list',
      "AttributeError: env has no binding 'NOPE' (bindings here: MISUSE; each WorkflowEntrypoint subclass gets one, named UPPER_SNAKE of its class name; KV namespaces, D1 databases, R2 buckets, vars and secrets are declared in the file's env)",
      'TypeError: timestamp must be a number of milliseconds or a duration string like "10 seconds", not list',
      'TypeError: step.wait_for_event name must be a str, not int',
      'ValueError: duration must be a number of milliseconds ≥ 0 or a duration string like "10 seconds", got -5',
      'ValueError: timeout must be a number of milliseconds ≥ 0 or a duration string like "10 seconds", got inf',
    ]);
  });

  it('names a dependency cycle (a file of the implicit step.do form)', async () => {
    const { view } = await runOnce(`${HEADER}
class Cycle(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("a")
        async def a(b):
            return b

        @step.do("b")
        async def b(a):
            return a

        try:
            await a()
        except TypeError as e:
            return str(e)
`);
    expect(view.output).toBe('Steps depend on each other in a cycle: a -> b -> a');
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
        await attempt(self.env.NO_RUN.create({"params": {"at": [object()]}}))
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
      'TypeError: workflow binding arguments must be values Cloudflare can send: $.params.at[0] is an instance of object',
      'TypeError: create_batch takes a list of option dicts, not str',
      'TypeError: instance id must be a str, not int',
      'JsException: Error: WorkflowError: (instance.not_found) Workflow instance with id "nobody" not found',
      ['errored', { name: 'NotImplementedError', message: 'NoRun must define: async def run(self, event, step)' }],
      'JsException: Error: WorkflowError: (instance.cannot_send_event) Cannot send an event to a workflow instance in the finite state "errored"',
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
            return str(e).splitlines()[-1]
`);
    const [failed] = ofType(journal, 'attempt-failed');
    expect(failed?.error).toMatchObject({ name: 'CancelledError', message: 'by the user' });
    expect(reduceJournal(journal).output).toBe('asyncio.exceptions.CancelledError: by the user');
  });
});
