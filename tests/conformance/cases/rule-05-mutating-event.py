# Rules of workflows: mutating `event` is not persisted; after a sleep the replay sees the original payload.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        seen = [event["payload"]["count"]]
        event["payload"]["count"] += 100
        await step.sleep("wait", "1 minute")
        seen.append(event["payload"]["count"])
        return seen
