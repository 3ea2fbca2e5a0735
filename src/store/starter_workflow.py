from workers import WorkflowEntrypoint

# Up to 3 retries, 2 s, 4 s and 8 s apart (exponential backoff).
RETRIES = {"retries": {"limit": 3, "delay": "2 seconds"}}


class OrderWorkflow(WorkflowEntrypoint):
    """Fetch an order, charge it, cool off, then send a receipt."""

    async def run(self, event, step):
        order_id = event["payload"].get("order_id", "A-1001")

        @step.do()
        async def fetch_order():
            return {"id": order_id, "total": 42.5}

        # `fetch_order` is a dependency by parameter name: calling
        # charge_card() runs it first and passes its result in.
        @step.do(config=RETRIES)
        async def charge_card(fetch_order):
            amount = fetch_order["total"]
            return {"order": fetch_order["id"], "paid": amount}

        payment = await charge_card()

        await step.sleep("cool-off", "10 seconds")

        @step.do()
        async def send_receipt(ctx):
            receipt = f"R-{payment['order']}"
            return {"receipt": receipt, "attempt": ctx["attempt"]}

        return await send_receipt()
