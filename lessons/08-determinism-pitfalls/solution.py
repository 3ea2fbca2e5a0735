from workers import WorkflowEntrypoint


class QuoteWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def load_cart():
            return ["book", "lamp"]

        cart = await load_cart()

        @step.do("quote")
        async def quote():
            print("asking the shipper for a quote")
            return 12.5

        shipping = await quote()
        await step.sleep("wait for stock", "10 seconds")

        @step.do()
        async def summarize():
            return {"items": len(cart), "shipping": shipping}

        return await summarize()
