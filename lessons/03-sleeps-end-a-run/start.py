from workers import WorkflowEntrypoint


class InvoiceWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        invoice = event["payload"]["invoice"]

        @step.do()
        async def send_invoice():
            return f"{invoice} sent"

        await send_invoice()

        @step.do()
        async def send_reminder():
            return f"{invoice}: reminder sent"

        return await send_reminder()
