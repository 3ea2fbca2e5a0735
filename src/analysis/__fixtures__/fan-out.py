import asyncio
from workers import WorkflowEntrypoint


class FanOut(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def list_items():
            return [1, 2, 3]

        @step.do()
        async def price():
            return 10

        @step.do()
        async def stock():
            return 5

        @step.do(concurrent=True)
        async def quote(price, stock):
            return price * stock

        items = await list_items()
        a, b = await asyncio.gather(price(), stock())
        await quote()

        for item in items:
            @step.do(f"process-{item}")
            async def process():
                return item * 2

            await process()

        tasks = []
        for item in items:
            @step.do(f"ship-{item}")
            async def ship():
                return item

            tasks.append(ship())
        await asyncio.gather(*tasks)

        @step.do()
        async def summarize():
            return "done"

        await asyncio.wait([asyncio.create_task(summarize()), asyncio.create_task(price())])
