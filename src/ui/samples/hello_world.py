from workers import WorkflowEntrypoint


class HelloWorkflow(WorkflowEntrypoint):
    """The smallest workflow: one durable step."""

    async def run(self, event, step):
        name = event["payload"].get("name", "world")

        # A step is a decorated function. Decorating does not run it:
        # calling it does, and its result is saved in the journal.
        @step.do()
        async def greet():
            print(f"greeting {name}")
            return f"Hello, {name}!"

        return await greet()
