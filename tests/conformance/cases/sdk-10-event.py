# event is a dict: payload, timestamp (a datetime), instanceId, workflowName.
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
