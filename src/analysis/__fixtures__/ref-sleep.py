async def run(self, event, step):
    await step.sleep("my-sleep-step", "10 seconds")
