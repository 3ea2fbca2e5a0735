from workers import WorkflowEntrypoint


class OrderWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        order_id = event["payload"].get("order_id", "A-1")

        @step.do()
        async def fetch_order():
            return {"id": order_id, "total": 42.5}

        @step.do("charge_card", config={"retries": {"limit": 3, "delay": "2 seconds", "backoff": "exponential"}, "timeout": "5 minutes"})
        async def charge(fetch_order, ctx):
            return {"order": fetch_order["id"], "attempt": ctx["attempt"]}

        payment = await charge()
        await step.sleep("cool-off", "10 seconds")

        @step.do()
        def send_receipt(charge_card):
            return f"receipt for {charge_card['order']}"

        return await send_receipt()
