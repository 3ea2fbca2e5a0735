from workers import WorkflowEntrypoint


class ContextWorkflow(WorkflowEntrypoint):
    """What the step context tells a step: its name, count, attempt and config."""

    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 2, "delay": "1 second", "backoff": "constant"}})
        async def inspect(ctx):
            print(ctx["step"]["name"], ctx["step"]["count"], ctx["attempt"])
            # Fail the first attempt of the first call to see attempt 2.
            if ctx["step"]["count"] == 1 and ctx["attempt"] == 1:
                raise ValueError("first attempt fails on purpose")
            return {
                "name": ctx["step"]["name"],
                "count": ctx["step"]["count"],
                "attempt": ctx["attempt"],
                "retries": ctx["config"]["retries"],
            }

        # The same step called twice: counts 1 and 2, journaled separately.
        first = await inspect()
        second = await inspect()
        return {"first": first, "second": second, "instance": event["instanceId"]}
