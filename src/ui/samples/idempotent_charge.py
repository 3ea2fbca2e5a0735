import asyncio
import json

from workers import WorkflowEntrypoint

# The payment provider is simulated in KV: "ledger:<order>" counts the charges it made.
RETRY = {"retries": {"limit": 3, "delay": "2 seconds", "backoff": "constant"}, "timeout": "1 minute"}


class ChargeWorkflow(WorkflowEntrypoint):
    """Charge an order exactly once, even when the step runs again after a crash."""

    async def run(self, event, step):
        order = event["payload"]["order"]
        amount = event["payload"]["amount"]

        @step.do(config=RETRY)
        async def charge(ctx):
            key = f"charged:{order}"
            receipt = await self.env.KV.get(key, "json")
            if receipt is not None:
                print(f"attempt {ctx['attempt']}: {key} exists, not charging again")
                return receipt
            charges = int(await self.env.KV.get(f"ledger:{order}") or "0") + 1
            await self.env.KV.put(f"ledger:{order}", str(charges))
            receipt = {"order": order, "amount": amount, "charge": f"ch_{order}_{charges}"}
            await self.env.KV.put(key, json.dumps(receipt), metadata={"attempt": ctx["attempt"]})
            print(f"attempt {ctx['attempt']}: charged {amount} for {order}")
            # A crash here (after the charge, before the step's result is journaled) runs the step again.
            await asyncio.sleep(3)
            if event["payload"].get("crash_after_charge") and ctx["attempt"] == 1:
                raise ConnectionError("simulated crash after charging")
            return receipt

        receipt = await charge()

        @step.do()
        async def audit():
            return {"receipt": receipt, "charges_made": int(await self.env.KV.get(f"ledger:{order}"))}

        return await audit()

