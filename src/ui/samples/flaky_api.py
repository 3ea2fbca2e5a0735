"""A flaky API, mocked: the rates API fails its first two calls (503), so the step retries with backoff.

The file's mocks (the Mocks panel) answer every request to https://api.example.com/v1/rates with JSON, and
"failFirst": 2 makes the first two calls of each instance answer 503 first. Nothing leaves the studio.
"""

from workers import WorkflowEntrypoint, fetch


class FlakyApiWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(
            "fetch rates",
            config={"retries": {"limit": 4, "delay": "2 seconds", "backoff": "exponential"}},
        )
        async def fetch_rates():
            response = await fetch("https://api.example.com/v1/rates?base=EUR")
            if not response.ok:
                # A retryable error: the engine waits 2 s, then 4 s, before the next attempts.
                raise ConnectionError(f"rates API answered {response.status}")
            return await response.json()

        rates = await fetch_rates()

        @step.do("convert")
        async def convert():
            amount = event["payload"]["amount"]
            return {"eur": amount, "usd": round(amount * rates["USD"], 2)}

        return await convert()
