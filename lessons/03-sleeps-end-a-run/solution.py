from workers import WorkflowEntrypoint


class InvoiceWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        invoice = event["payload"]["invoice"]

        @step.do()
        async def send_invoice():
            return f"{invoice} sent"

        await send_invoice()
        await step.sleep("wait a day", "1 day")

        @step.do()
        async def send_reminder():
            return f"{invoice}: reminder sent"

        return await send_reminder()
