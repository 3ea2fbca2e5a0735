# Rules of workflows: a step name built from the time differs on replay, so the step runs again and the
# replay diverges from the journal.
import time

from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        elapsed = int(time.time() - event["timestamp"].timestamp())

        @step.do(f"fetch at +{elapsed}s")
        async def fetch():
            return "data"

        await fetch()
        await step.sleep("wait", "1 minute")
        return "done"
