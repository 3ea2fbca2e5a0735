/**
 * What Python sees inside a run: print() captured per attempt and per run (journaled), eviction and timeouts as
 * cancelled Tasks, and the engine's clock.
 */
import { describe, expect, it } from 'vitest';
import { T0 } from './test-harness';
import { HEADER, ofType, setupPythonRuntime } from './test-runtime';

const python = setupPythonRuntime();
const { harness, runOnce } = python;

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

  it('journals print() outside steps as run-output in its own run, in order with the calls and step prints', async () => {
    const { view, journal } = await runOnce(`${HEADER}
import sys

class Loud(WorkflowEntrypoint):
    async def run(self, event, step):
        print("before sleep")

        @step.do()
        async def hello():
            print("inside the step")
            return 1

        await hello()
        print("to stderr", file=sys.stderr)
        print("no newline before the sleep", end="")
        await step.sleep("nap", 1)
        print("after the nap", end="")
        return "done"
`);
    expect(view.output).toBe('done');
    const story = journal
      .filter((e) => !['instance-created', 'attempt-started', 'step-started'].includes(e.type))
      .map((e) => {
        if (e.type === 'run-output') return `${e.run}| ${e.text}`;
        if (e.type === 'step-succeeded') return `step ${e.name}: ${e.logs.join('')}`;
        if (e.type === 'calls-replayed') return `↻ ${e.calls.map((c) => c.name).join(', ')}`;
        return e.type;
      });
    // Run 2 prints "before sleep" again (its own print, in its own lane); run 1's output is never repeated.
    // A line without a newline is journaled before the sleep that evicts the run, not lost with it.
    expect(story).toEqual([
      'run-started',
      '1| before sleep\n',
      'step hello: inside the step\n',
      '1| to stderr\nno newline before the sleep',
      'sleep-started',
      'run-evicted',
      'run-started',
      '2| before sleep\n',
      '↻ hello',
      '2| to stderr\nno newline before the sleep',
      'sleep-finished',
      '2| after the nap',
      'run-finished',
    ]);
    expect(view.runs.map((r) => r.output.map((o) => o.text).join(''))).toEqual([
      'before sleep\nto stderr\nno newline before the sleep',
      'before sleep\nto stderr\nno newline before the sleepafter the nap',
    ]);
  });

  it('caps print() outside steps at 64 KiB per run and journals how much it dropped when the run ends', async () => {
    const { view, journal } = await runOnce(`${HEADER}
class Flood(WorkflowEntrypoint):
    async def run(self, event, step):
        for i in range(100):
            print("y" * 1023)
        return "done"
`);
    expect(view.output).toBe('done');
    const text = ofType(journal, 'run-output')
      .map((e) => e.text)
      .join('');
    const kept = `${'y'.repeat(1023)}\n`.repeat(64);
    expect(text).toBe(`${kept}[truncated 36864 bytes]\n`);
    expect(journal.at(-1)?.type).toBe('run-finished');
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
    expect(python.runtime.stats()).toMatchObject({ runs: 0, attempts: 0 });
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
  it("counts each run's own activity, so a busy instance does not keep another's blocked run from eviction", async () => {
    const h = harness(`${HEADER}
class Busy(WorkflowEntrypoint):
    async def run(self, event, step):
        for i in range(300):
            @step.do(f"s{i}")
            async def work():
                await asyncio.sleep(0)
                return i
            await work()
        return "done"

class Waiter(WorkflowEntrypoint):
    async def run(self, event, step):
        return await step.wait_for_event("approval", "approve", timeout="1 hour")
`);
    const order: string[] = [];
    const append = h.store.append.bind(h.store);
    h.store.append = (id, events, summary) => {
      for (const e of events) if (e.type === 'run-evicted' || e.type === 'run-finished') order.push(`${id} ${e.type}`);
      return append(id, events, summary);
    };
    expect(python.runtime.activity({ instanceId: 'nobody', run: 1 })).toBe(0);
    await h.engine.binding('busy').create({ id: 'busy' });
    await new Promise((r) => setTimeout(r, 5));
    await h.engine.binding('waiter').create({ id: 'waiter' });
    await h.engine.settle();
    // The waiter's run was evicted while the busy one still ran (a global count kept it until the end).
    expect(order).toEqual(['waiter run-evicted', 'busy run-finished']);
    expect(python.runtime.activity({ instanceId: 'busy', run: 1 })).toBe(0); // no longer live
  });
});

describe('time', () => {
  it('reads the engine clock inside runs and steps, and the real clock outside', async () => {
    const before = Date.now();
    const outside = Number(python.pyodide.runPython('import time\ntime.time()')) * 1000;
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
    const before = python.runtime.activity();
    await python.pyodide.runPythonAsync('import asyncio\nawait asyncio.sleep(0)');
    expect(python.runtime.activity()).toBeGreaterThan(before);
  });
});
