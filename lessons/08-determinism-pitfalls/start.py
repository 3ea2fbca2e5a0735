import time

from workers import WorkflowEntrypoint


class QuoteWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        items = []

        @step.do()
        async def load_cart():
            items.extend(["book", "lamp"])
            return ["book", "lamp"]

        await load_cart()

        @step.do(f"quote at {int(time.time())}")
        async def quote():
            print("asking the shipper for a quote")
            return 12.5

        shipping = await quote()
        await step.sleep("wait for stock", "10 seconds")

        @step.do()
        async def summarize():
            return {"items": len(items), "shipping": shipping}

        return await summarize()
