# event["payload"] is {} when the instance was created without params.
import datetime

from workers import WorkflowEntrypoint


class OrderWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        return {
            "keys": sorted(event.keys()),
            "payload": event["payload"],
            "timestamp_is_datetime": isinstance(event["timestamp"], datetime.datetime),
            "instanceId": event["instanceId"],
            "workflowName": event["workflowName"],
        }
