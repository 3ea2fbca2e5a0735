from workers import WorkflowEntrypoint


class OrderWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def fetch_order():
            return {"order": event["payload"]["order"], "total": 42}

        @step.do(config={"retries": {"limit": 2, "delay": "5 seconds", "backoff": "constant"}})
        async def charge_card(ctx, fetch_order):
            if ctx["attempt"] == 1:
                raise ValueError("card declined, try again")
            return {"charged": fetch_order["total"]}

        await charge_card()
        await step.sleep("cool off", "1 hour")

        @step.do()
        async def send_receipt(charge_card):
            return f"receipt for {charge_card['charged']}"

        return await send_receipt()
