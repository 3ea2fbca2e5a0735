# Sleep errors: an unknown unit is rejected (quoting the string), and so is sleep_until a time in the past.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        out = []
        try:
            await step.sleep("bad unit", "3 fortnights")
        except Exception as e:
            out.append(str(e)[:60])
        try:
            await step.sleep_until("the past", event["timestamp"].timestamp() - 60)
        except Exception as e:
            out.append(str(e))
        return out
