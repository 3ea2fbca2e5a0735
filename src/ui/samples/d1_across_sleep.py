from workers import WorkflowEntrypoint


class OrderLedgerWorkflow(WorkflowEntrypoint):
    """Write a row to D1, sleep, then read it back: the database outlives the run, as the journal does."""

    async def run(self, event, step):
        order = event["payload"]["order"]

        @step.do()
        async def save_order():
            db = self.env.DB
            await db.exec("CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, total REAL, status TEXT)")
            result = await (
                db.prepare("INSERT OR REPLACE INTO orders (id, total, status) VALUES (?, ?, ?)")
                .bind(order, event["payload"]["total"], "placed")
                .run()
            )
            return {"changes": result["meta"]["changes"]}

        await save_order()
        await step.sleep("cool-off period", "10 seconds")

        @step.do()
        async def ship_order():
            db = self.env.DB
            await db.prepare("UPDATE orders SET status = ? WHERE id = ?").bind("shipped", order).run()
            row = await db.prepare("SELECT id, total, status FROM orders WHERE id = ?").bind(order).first()
            return dict(row)

        return await ship_order()
