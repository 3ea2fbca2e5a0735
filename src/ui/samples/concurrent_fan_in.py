import asyncio

from workers import WorkflowEntrypoint


class QuoteWorkflow(WorkflowEntrypoint):
    """Fan out to three suppliers at once, then fan in to pick the best price."""

    async def run(self, event, step):
        @step.do()
        async def price_north():
            await asyncio.sleep(0.3)
            return {"supplier": "north", "price": 42}

        @step.do()
        async def price_south():
            await asyncio.sleep(0.2)
            return {"supplier": "south", "price": 39}

        @step.do()
        async def price_east():
            await asyncio.sleep(0.1)
            return {"supplier": "east", "price": 44}

        # concurrent=True resolves the three dependencies together
        # (asyncio.gather) instead of one after the other.
        @step.do(concurrent=True)
        async def best_price(price_north, price_south, price_east):
            return min([price_north, price_south, price_east], key=lambda q: q["price"])

        best = await best_price()

        # asyncio.gather over step calls runs them concurrently too.
        @step.do()
        async def reserve():
            return f"reserved with {best['supplier']}"

        @step.do()
        async def notify():
            return "sales notified"

        reserved, notified = await asyncio.gather(reserve(), notify())
        return {"best": best, "reserved": reserved, "notified": notified}
