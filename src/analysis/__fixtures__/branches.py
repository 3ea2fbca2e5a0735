from workers import WorkflowEntrypoint


class Branchy(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def check():
            return True

        @step.do()
        async def approve():
            return "yes"

        @step.do()
        async def reject():
            return "no"

        @step.do()
        async def notify():
            return None

        @step.do()
        async def cleanup():
            return None

        ok = await check()
        if ok:
            await approve()
        else:
            await reject()

        try:
            evt = await step.wait_for_event("approval", "approved", timeout="1 hour")
        except Exception:
            await step.sleep("backoff", "5 minutes")
        finally:
            await cleanup()

        while True:
            await step.sleep_until("tick", event["timestamp"])
            if evt:
                break
        await notify()
