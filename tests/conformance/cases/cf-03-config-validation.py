# Step configs: limit 0 with a numeric delay and a "15 minutes" timeout, and a "5 years" timeout, are accepted;
# a missing delay or limit, an unknown key, delay "i like trains" and timeout 0 are rejected before running.
from workers import WorkflowEntrypoint


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        configs = {
            "accepted-1": {"retries": {"limit": 0, "delay": 100000, "backoff": "exponential"}, "timeout": "15 minutes"},
            "accepted-2": {"timeout": "5 years"},
            "no-delay": {"retries": {"limit": 1}},
            "no-limit": {"retries": {"delay": "1 second"}},
            "unknown-key": {"retries": {"limit": 1, "delay": 1, "jitter": True}},
            "trains": {"retries": {"limit": 1, "delay": "i like trains"}},
            "timeout-0": {"timeout": 0},
        }
        results = {}
        for name, config in configs.items():
            @step.do(name, config=config)
            async def probe():
                return "ran"

            try:
                results[name] = await probe()
            except Exception as e:
                results[name] = str(e).split("invalid format: ")[-1].split(". See")[0]
        return results
