from workers import WorkflowEntrypoint


class SignupWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        user = event["payload"]["user"]

        @step.do()
        async def send_welcome():
            print(f"sending welcome email to {user}")
            return True

        await send_welcome()

        @step.do()
        async def create_account():
            return {"user": user, "plan": "free"}

        account = await create_account()
        await step.sleep("let the account settle", "10 seconds")

        @step.do()
        async def suggest_upgrade():
            return f"{account['user']}: try the pro plan"

        return await suggest_upgrade()
