# Other exceptions (built-in or user-defined) arrive as a generic exception: catchable with `except Exception`
# (not with their own type), a JS Error whose message is "PythonError: " and the step's traceback, whose last
# line is the original type name and text (the type's module is left out here: it names the loaded file).
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
                lines = str(e).splitlines()
                seen.append([e.name, lines[0], lines[-1].rsplit(".", 1)[-1], isinstance(e, Exception)])
        return seen
