from workers import WorkflowEntrypoint


def charge(amount):
    print(f"charging {amount} EUR")
    return {"charged": amount}


class CheckoutWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        amount = event["payload"]["amount"]
        payment = charge(amount)

        @step.do()
        async def send_receipt():
            return f"receipt for {payment['charged']} EUR"

        return await send_receipt()
