# With --journal, a first call stops at "waiting"; a second call with --event resumes the instance from
# the journal file: completed steps are not run again.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def prepare():
            return {"order": event["payload"]["order"]}

        order = await prepare()
        approval = await step.wait_for_event("approval", "approved", timeout="1 day")

        @step.do()
        async def ship(prepare):
            return f"shipped {prepare['order']} for {approval.payload['by']}"

        return await ship()
