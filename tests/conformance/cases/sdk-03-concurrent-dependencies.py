# concurrent=True resolves dependencies together (asyncio.gather): both start at the same virtual time.
# Without it they run one after the other. asyncio.sleep inside a step follows the virtual clock.
import asyncio
import time

from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        t0 = event["timestamp"].timestamp()

        def span(name):
            async def body():
                start = time.time() - t0
                await asyncio.sleep(60)
                return [start, time.time() - t0]

            body.__name__ = name
            return body

        step.do("a")(span("a"))
        step.do("b")(span("b"))

        @step.do(concurrent=True)
        async def together(a, b):
            return {"a": a, "b": b}

        step.do("c")(span("c"))
        step.do("d")(span("d"))

        @step.do()
        async def one_by_one(c, d):
            return {"c": c, "d": d}

        return {"concurrent": await together(), "sequential": await one_by_one()}
