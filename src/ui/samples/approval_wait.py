from workers import WorkflowEntrypoint


class ExpenseWorkflow(WorkflowEntrypoint):
    """Wait for a human: an approval event, with a timeout."""

    async def run(self, event, step):
        amount = event["payload"].get("amount", 120)

        @step.do()
        async def submit_expense():
            return {"amount": amount, "status": "submitted"}

        await submit_expense()

        try:
            # Send an "approval" event to this instance (Send event in the
            # toolbar) with a payload such as {"approved": true, "by": "ana"}.
            decision = await step.wait_for_event("wait-for-approval", "approval", timeout="1 hour")
        except Exception as e:
            @step.do()
            async def escalate():
                return f"no answer in time: {e}"

            return {"status": "escalated", "reason": await escalate()}

        @step.do()
        async def apply_decision():
            payload = decision["payload"]
            return {"approved": bool(payload.get("approved")), "by": payload.get("by", "unknown")}

        return await apply_decision()
