from workers import WorkflowEntrypoint


class ShipmentWorkflow(WorkflowEntrypoint):
    """Edit the code while an instance sleeps, and watch its replay diverge."""

    async def run(self, event, step):
        @step.do("reserve stock")
        async def reserve():
            print("reserving 3 items")
            return {"reserved": 3}

        reserved = await reserve()

        # While the instance sleeps here, rename "reserve stock" above (say,
        # to "reserve inventory"), press Load, then Skip wait. The replay asks
        # for a step the journal does not hold: the old result is orphaned and
        # the renamed step runs again -- a second reservation. Step names are
        # the journal's keys: change them only with a new instance.
        await step.sleep("wait-for-carrier", "1 minute")

        @step.do()
        async def ship():
            return {"shipped": reserved["reserved"]}

        return await ship()
