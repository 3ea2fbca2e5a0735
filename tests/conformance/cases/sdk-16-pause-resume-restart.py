# Instance control through a binding: pause during a sleep (paused at once), resume (only the rest of the
# sleep is waited), and restart from step "b" (step "a" keeps its cached result, "b" runs again).
import time

from workers import WorkflowEntrypoint


class Counter(WorkflowEntrypoint):
    async def run(self, event, step):
        created = event["timestamp"].timestamp()

        @step.do()
        async def a():
            return round(time.time() - created)

        @step.do()
        async def b():
            return round(time.time() - created)

        first = await a()
        await step.sleep("nap", "1 hour")
        return [first, await b()]


class Boss(WorkflowEntrypoint):
    async def run(self, event, step):
        async def counter():
            return await self.env.COUNTER.get("counter-1")

        @step.do()
        async def start():
            return (await self.env.COUNTER.create(id="counter-1")).id

        @step.do()
        async def pause():
            c = await counter()
            await c.pause()
            return (await c.status())["status"]

        @step.do()
        async def resume():
            await (await counter()).resume()

        @step.do()
        async def status():
            s = await (await counter()).status()
            return [s["status"], s["output"]]

        @step.do()
        async def restart_from_b():
            await (await counter()).restart({"from": {"name": "b"}})

        seen = []
        await start()
        await step.sleep("let it nap", "1 minute")
        seen.append(await pause())
        await step.sleep("two hours", "2 hours")
        seen.append(await status())
        await resume()
        await step.sleep("two more hours", "2 hours")
        seen.append(await status())
        await restart_from_b()
        await step.sleep("a minute", "1 minute")
        seen.append(await status())
        return seen
