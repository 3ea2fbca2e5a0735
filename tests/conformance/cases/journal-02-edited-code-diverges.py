# Second call of journal-01 with edited code: the replayed run asks for "prepare order" where the journal
# holds "prepare", so the engine records a divergence and continues with the new code's calls.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("prepare order")
        async def prepare():
            return {"order": event["payload"]["order"]}

        order = await prepare()
        approval = await step.wait_for_event("approval", "approved", timeout="1 day")
        return [order, approval.payload]
