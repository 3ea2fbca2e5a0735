# Two concurrent dependencies share a third one: it is in flight for the second and awaited, never started twice.
import asyncio

from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def token():
            await asyncio.sleep(5)
            return "t"

        @step.do()
        async def left(token):
            return token + "-left"

        @step.do()
        async def right(token):
            return token + "-right"

        @step.do(concurrent=True)
        async def both(left, right):
            return [left, right]

        return await both()
