from workers import WorkflowEntrypoint


class ReportWorkflow(WorkflowEntrypoint):
    """A small DAG: steps receive earlier steps' results by parameter name."""

    async def run(self, event, step):
        user_id = event["payload"].get("user_id", 7)

        @step.do()
        async def fetch_user():
            return {"id": user_id, "name": "Ada"}

        # The parameter `fetch_user` names the step above: calling
        # fetch_orders() runs fetch_user first and passes its result in.
        @step.do()
        async def fetch_orders(fetch_user):
            return [{"user": fetch_user["id"], "total": t} for t in (12.5, 30.0)]

        @step.do()
        async def fetch_prefs(fetch_user):
            return {"currency": "EUR", "user": fetch_user["name"]}

        # Two dependencies. fetch_user already ran for fetch_orders,
        # so it is reused, never run twice.
        @step.do()
        async def build_report(fetch_orders, fetch_prefs):
            total = sum(o["total"] for o in fetch_orders)
            return {"user": fetch_prefs["user"], "total": total, "currency": fetch_prefs["currency"]}

        return await build_report()
