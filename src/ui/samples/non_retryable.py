from workers import WorkflowEntrypoint
from workers.workflows import NonRetryableError


class PaymentWorkflow(WorkflowEntrypoint):
    """A declined card is not worth retrying: fail the step at once, then handle it."""

    async def run(self, event, step):
        card = event["payload"].get("card", "4000-0000-0000-0002")

        @step.do(config={"retries": {"limit": 5, "delay": "10 seconds"}})
        async def charge_card():
            if card.endswith("0002"):
                # No retries, despite limit 5: the step fails on attempt 1.
                raise NonRetryableError(f"card {card} was declined")
            return {"charged": True}

        try:
            return await charge_card()
        except Exception as e:
            # Caught here, the workflow goes on. On a replay this failure
            # comes from the journal: charge_card does not run again.
            @step.do()
            async def notify_customer():
                return f"told the customer: {e}"

            return {"charged": False, "notice": await notify_customer()}
