# limit may be Infinity (float("inf") in Python): the step is retried until it succeeds.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": float("inf"), "delay": "1 second", "backoff": "constant"}})
        async def stubborn(ctx):
            if ctx["attempt"] < 7:
                raise RuntimeError("not yet")
            return [ctx["attempt"], ctx["config"]["retries"]["limit"] == float("inf")]

        return await stubborn()
