# Events sent before the wait are buffered per type (FIFO) and consumed by later waits, in order.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        await step.sleep("before waiting", "1 hour")
        a = await step.wait_for_event("first", "item")
        b = await step.wait_for_event("second", "item")
        other = await step.wait_for_event("other type", "note")
        return [a.payload, b.payload, other.payload]
