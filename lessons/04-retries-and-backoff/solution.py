from workers import WorkflowEntrypoint


class RatesWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 3, "delay": "5 seconds", "backoff": "exponential"}})
        async def call_rates(ctx):
            if ctx["attempt"] < 3:
                raise ConnectionError(f"rates service unavailable (attempt {ctx['attempt']})")
            return {"EUR": 1.0, "USD": 1.08}

        return await call_rates()
