# print() in run() outside steps is journaled per run: "before sleep" in runs 1 and 2, "after" in run 2 only.
import sys

from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        print("before sleep")
        await step.sleep("nap", "1 second")
        print("after", file=sys.stderr)
        return "hello " + event["payload"]["who"]
