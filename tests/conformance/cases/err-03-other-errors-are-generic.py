# Other exceptions (built-in or user-defined) arrive as a generic exception: catchable with `except Exception`
# (not with their own type), and their message keeps the original type name and text.
from workers import WorkflowEntrypoint


class PaymentError(Exception):
    pass


class MyWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        config = {"retries": {"limit": 0, "delay": 0}}

        @step.do(config=config)
        async def lookup():
            return {}["missing"]

        @step.do(config=config)
        async def pay():
            raise PaymentError("insufficient funds")

        seen = []
        for fn in (lookup, pay):
            try:
                await fn()
            except (KeyError, PaymentError):
                seen.append("caught as its own type")
            except Exception as e:
                seen.append([str(e), isinstance(e, Exception)])
        return seen
