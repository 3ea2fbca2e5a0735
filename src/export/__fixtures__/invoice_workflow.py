from workers import WorkflowEntrypoint


class InvoiceWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def load_invoice():
            print("loading invoice")
            return {"total": 120, "currency": "EUR"}

        invoice = await load_invoice()
        return f"{invoice['amount']} {invoice['currency']}"
