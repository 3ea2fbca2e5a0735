async def run(self, event, step):
    await step.wait_for_event("my-wait-for-event-step", "my-event-type")
