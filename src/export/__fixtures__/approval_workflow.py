from workers import WorkflowEntrypoint


class ApprovalWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def request_approval():
            return {"requested": event["payload"]["item"]}

        await request_approval()
        approval = await step.wait_for_event("wait for approval", "approved", timeout="1 day")
        return {"approved_by": approval["payload"]["by"]}
