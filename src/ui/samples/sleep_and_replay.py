from workers import WorkflowEntrypoint


class NewsletterWorkflow(WorkflowEntrypoint):
    """Sleep durably, and watch run() replay from the top after it."""

    async def run(self, event, step):
        # Outside any step: every run prints it again (see it in each lane of the history).
        print("run() starts from the top")

        @step.do()
        async def draft():
            print("drafting (this print appears once)")
            return {"subject": "Durable execution, explained"}

        issue = await draft()

        # The run ends here while the sleep is pending. When it is over,
        # run() starts again from the top: draft() is served from the
        # journal (its badge says "cached") and its print does not repeat.
        await step.sleep("wait-for-morning", "5 seconds")

        @step.do()
        async def send(ctx):
            return {"sent": issue["subject"], "count": ctx["step"]["count"]}

        return await send()
