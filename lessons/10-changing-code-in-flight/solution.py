from workers import WorkflowEntrypoint


class ShipmentWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("reserve stock")
        async def reserve():
            print("reserving 3 items")
            return {"reserved": 3}

        reserved = await reserve()
        await step.sleep("wait for the carrier", "1 minute")

        @step.do()
        async def ship():
            return {"shipped": reserved["reserved"]}

        shipment = await ship()

        @step.do()
        async def notify_customer():
            return f"{shipment['shipped']} items are on their way"

        return await notify_customer()
