# Step names: 256 characters are accepted; 257 characters or a control character are rejected.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        results = []
        for name in ["w" * 256, "w" * 257, "\x00"]:
            @step.do(name)
            async def named():
                return "ran"

            try:
                results.append(await named())
            except Exception as e:
                results.append(type(e).__name__ + ": " + str(e)[:40])
        return results
