import asyncio

from workers import WorkflowEntrypoint


class PriceWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def price_north():
            await asyncio.sleep(2)  # the supplier takes 2 seconds to answer
            return {"supplier": "north", "price": 41}

        @step.do()
        async def price_south():
            await asyncio.sleep(2)
            return {"supplier": "south", "price": 39}

        @step.do(concurrent=True)
        async def pick_best(price_north, price_south):
            return min([price_north, price_south], key=lambda p: p["price"])

        return await pick_best()
