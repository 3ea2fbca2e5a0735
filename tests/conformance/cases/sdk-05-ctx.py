# ctx = {"step": {"name", "count"}, "attempt", "config" (resolved over the defaults)}.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("with ctx", config={"retries": {"limit": 2, "delay": "1 second", "backoff": "linear"}})
        async def with_ctx(ctx):
            return ctx

        @step.do("with ctx")
        async def again(ctx):
            return [ctx["step"], ctx["attempt"], ctx["config"]]

        return [await with_ctx(), await again()]
