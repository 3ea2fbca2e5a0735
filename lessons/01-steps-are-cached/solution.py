from workers import WorkflowEntrypoint


class CheckoutWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        amount = event["payload"]["amount"]

        @step.do()
        async def charge():
            print(f"charging {amount} EUR")
            return {"charged": amount}

        payment = await charge()

        @step.do()
        async def send_receipt():
            return f"receipt for {payment['charged']} EUR"

        return await send_receipt()
