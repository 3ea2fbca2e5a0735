# Three waits for one event type: an event for #1, none for #2 (it times out), one for #3 (sent by the
# workflow to itself after the timeout). A timed-out waiter never swallows a later event.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        first = await step.wait_for_event("wait 1", "ping", timeout="1 minute")
        try:
            await step.wait_for_event("wait 2", "ping", timeout="1 minute")
            second = "received"
        except Exception as e:
            second = str(e)

        @step.do()
        async def ping_myself():
            me = await self.env.MY_WORKFLOW.get(event["instanceId"])
            await me.send_event({"type": "ping", "payload": {"n": 3}})

        await ping_myself()
        third = await step.wait_for_event("wait 3", "ping", timeout="1 minute")
        return [first.payload, second, third.payload]
