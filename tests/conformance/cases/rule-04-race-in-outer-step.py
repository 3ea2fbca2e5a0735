# Rules of workflows: a race (asyncio.wait FIRST_COMPLETED) resolves differently on replay unless wrapped in
# a step; inside a step its outcome is journaled once and replayed as is.
import asyncio

from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def race():
            async def fast():
                await asyncio.sleep(1)
                return "fast"

            async def slow():
                await asyncio.sleep(5)
                return "slow"

            tasks = [asyncio.ensure_future(fast()), asyncio.ensure_future(slow())]
            done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            for t in pending:
                t.cancel()
            return done.pop().result()

        winner = await race()
        await step.sleep("wait", "1 minute")
        return winner
