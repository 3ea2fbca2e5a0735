# wait_for_event returns a dict that also allows attribute access: payload, timestamp (datetime), type.
import datetime

from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        evt = await step.wait_for_event("approval", "approved", timeout="1 hour")
        return {
            "type": [evt["type"], evt.type],
            "payload": [evt["payload"], evt.payload],
            "timestamp_is_datetime": isinstance(evt.timestamp, datetime.datetime),
            "keys": sorted(evt.keys()),
        }
