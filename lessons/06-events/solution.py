from workers import WorkflowEntrypoint


class ApprovalWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        order = event["payload"]["order"]
        decision = await step.wait_for_event("manager decides", "approval", timeout="1 hour")

        @step.do()
        async def record():
            return {"order": order, "approved_by": decision["payload"]["by"]}

        return await record()
