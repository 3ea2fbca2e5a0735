from workers import WorkflowEntrypoint


class OrderWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def fetch_order():
            return {"order": event["payload"]["order"], "total": 42}

        @step.do(config={"retries": {"limit": 2, "delay": "5 seconds", "backoff": "constant"}})
        async def charge_payment(ctx, fetch_order):
            if ctx["attempt"] == 1:
                raise ValueError("card declined, try again")
            return {"charged": fetch_order["total"]}

        await charge_payment()
        await step.sleep("cool off", "1 hour")

        @step.do()
        async def send_receipt(charge_payment):
            return f"receipt for {charge_payment['charged']}"

        return await send_receipt()
