from workers import WorkflowEntrypoint

# Stands for the payment provider, outside the workflow: it charges each idempotency key once.
PROVIDER_KEYS = {}


def provider_charge(key, amount):
    if key in PROVIDER_KEYS:
        print(f"provider: key {key} seen before, not charged again")
        return PROVIDER_KEYS[key]
    print(f"provider: charged {amount} EUR")
    PROVIDER_KEYS[key] = {"payment": len(PROVIDER_KEYS) + 1, "amount": amount}
    return PROVIDER_KEYS[key]


class ChargeWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        amount = event["payload"]["amount"]
        instance_id = event["instanceId"]

        @step.do(config={"retries": {"limit": 2, "delay": "1 second", "backoff": "constant"}})
        async def charge(ctx):
            payment = provider_charge(f"{instance_id}-charge", amount)
            if ctx["attempt"] == 1:
                raise ConnectionError("connection reset before the provider's reply arrived")
            return payment

        return await charge()
