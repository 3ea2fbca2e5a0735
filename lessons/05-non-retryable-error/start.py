from workers import WorkflowEntrypoint

DECLINED = {"4000-0000-0000-0002"}
RETRY = {"retries": {"limit": 3, "delay": "2 seconds", "backoff": "constant"}}


class PaymentWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        card = event["payload"]["card"]

        @step.do(config=RETRY)
        async def charge_card():
            if card in DECLINED:
                raise ValueError(f"card {card} was declined")
            return {"charged": True}

        return await charge_card()
