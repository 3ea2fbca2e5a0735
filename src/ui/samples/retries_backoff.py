from workers import WorkflowEntrypoint

# Up to 3 retries after the first attempt; 1 s, then 2 s, then 4 s apart.
FLAKY = {"retries": {"limit": 3, "delay": "1 second", "backoff": "exponential"}, "timeout": "30 seconds"}


class RetryWorkflow(WorkflowEntrypoint):
    """A flaky API call that succeeds on its third attempt."""

    async def run(self, event, step):
        fail_times = event["payload"].get("fail_times", 2)

        @step.do(config=FLAKY)
        async def call_flaky_api(ctx):
            attempt = ctx["attempt"]
            print(f"attempt {attempt}")
            if attempt <= fail_times:
                raise ConnectionError(f"upstream timed out (attempt {attempt})")
            return {"status": 200, "attempts": attempt}

        @step.do()
        async def store_result(call_flaky_api):
            return f"stored after {call_flaky_api['attempts']} attempts"

        return await store_result()
