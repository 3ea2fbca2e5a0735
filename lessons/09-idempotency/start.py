import json
import uuid

from workers import WorkflowEntrypoint

RETRY = {"retries": {"limit": 2, "delay": "1 second", "backoff": "constant"}}


class ChargeWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        amount = event["payload"]["amount"]
        instance_id = event["instanceId"]
        # The payment provider, simulated in KV: one entry per payment, stored under the idempotency key the
        # payment came with. A payment whose key it already holds is the same payment: it is not charged again.
        payments = f"payments/{instance_id}/"

        @step.do(config=RETRY)
        async def charge(ctx):
            key = str(uuid.uuid4())
            await self.env.KV.put(payments + key, json.dumps({"amount": amount, "attempt": ctx["attempt"]}))
            print(f"attempt {ctx['attempt']}: charged {amount} EUR with idempotency key {key}")
            return {"key": key, "amount": amount}

        payment = await charge()

        @step.do()
        async def statement():
            listed = await self.env.KV.list(prefix=payments)
            return {"payment": payment, "charges": len(listed["keys"])}

        return await statement()
