/** Python sources of the bad-input table (bad-input.test.ts): one small workflow per row, by row name. */

const HEAD = 'import asyncio\n\nfrom workers import WorkflowEntrypoint\n\n\nclass Flow(WorkflowEntrypoint):\n';

/** A workflow class `Flow` whose `run` is `body` (indented by the caller's 8 spaces). */
const flow = (body: string) => `${HEAD}    async def run(self, event, step):\n${body}`;

/** The workflow every journal of the table starts with: one instance of it, complete. */
export const GOOD = flow(`        @step.do()
        async def greet():
            return "hello " + event["payload"].get("name", "you")

        return await greet()
`);

export const SOURCES: Record<string, string> = {
  'syntax-error': `${HEAD}    async def run(self, event, step)\n        return 1\n`,
  'indentation-error': `${HEAD}    async def run(self, event, step):\n    return 1\n`,
  'import-error': `from workers import WorkflowEntrypoint\n\nRATE = DEFAULT_RATE * 2\n`,
  'no-entrypoint': `from workers import WorkflowEntrypoint\n\n\nclass Flow:\n    async def run(self, event, step):\n        return 1\n`,
  'two-workflows': `${GOOD}\n\nclass Other(WorkflowEntrypoint):\n    async def run(self, event, step):\n        return 2\n`,
  'wrong-run-signature': `${HEAD}    async def run(self):\n        return 1\n`,
  'no-run': `${HEAD}    pass\n`,
  'config-unknown-key':
    flow(`        @step.do("charge", config={"retries": {"limit": 3, "delay": "5 seconds"}, "timout": "1 minute"})
        async def charge():
            return 1

        return await charge()
`),
  'config-missing-delay': flow(`        @step.do("charge", config={"retries": {"limit": 3}})
        async def charge():
            return 1

        return await charge()
`),
  'bad-duration': flow('        await step.sleep("cool off", "3 fortnights")\n'),
  'negative-sleep': flow('        await step.sleep("cool off", -5)\n'),
  'negative-sleep-string': flow('        await step.sleep("cool off", "-5 seconds")\n'),
  'sleep-too-long': flow('        await step.sleep("hibernate", "2 years")\n'),
  'sleep-until-past': flow('        await step.sleep_until("yesterday", event["timestamp"].timestamp() - 86400)\n'),
  'wait-timeout-too-long': flow('        await step.wait_for_event("approval", "approved", timeout="400 days")\n'),
  'unknown-dependency': flow(`        @step.do()
        async def fetch_order():
            return {"total": 42}

        @step.do()
        async def charge(fetch_ordr):
            return fetch_ordr["total"]

        return await charge()
`),
  'dependency-cycle': flow(`        @step.do()
        async def a(b):
            return b

        @step.do()
        async def b(a):
            return a

        return await a()
`),
  'unserialisable-result': flow(`        @step.do()
        async def tags():
            return {"tags": object()}

        return await tags()
`),
  'result-over-1-mib': flow(`        @step.do()
        async def big():
            return "x" * (1024 * 1024)

        return await big()
`),
  'unserialisable-output': flow('        return {"when": asyncio.get_event_loop()}\n'),
  'step-limit': flow(`        @step.do("tick")
        def tick():
            return None

        for _ in range(10_001):
            await tick()
`),
  'step-name-control-char': flow(`        @step.do("charge\\x00card")
        async def charge():
            return 1

        return await charge()
`),
  'step-timeout': flow(`        @step.do(config={"retries": {"limit": 0, "delay": 0}, "timeout": "10 seconds"})
        async def slow():
            await asyncio.sleep(60)
            return "too late"

        return await slow()
`),
  'huge-print': flow(`        @step.do()
        async def chatty():
            for i in range(1000):
                print("line", i, "x" * 100)
            return "done"

        return await chatty()
`),
};
