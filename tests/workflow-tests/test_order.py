"""A sample of `npx workflow-studio test tests/workflow-tests`: a workflow and its tests in one file."""

from workers import WorkflowEntrypoint
from workers.testing import create, introspect
from workers.workflows import NonRetryableError


class OrderWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        order = event["payload"]["order"]

        @step.do("charge", config={"retries": {"limit": 2, "delay": "10 seconds", "backoff": "constant"}})
        async def charge():
            if order < 0:
                raise NonRetryableError(f"bad order {order}")
            return {"charged": order}

        await charge()

        await step.sleep("cool off", "1 day")
        approval = await step.wait_for_event("approval", "approved", timeout="1 hour")
        return {"order": order, "by": approval["payload"]["by"]}


def test_plain_assert():
    x = 41
    assert x + 1 == 42


async def test_order_completes_after_approval():
    instance = await create(OrderWorkflow, params={"order": 42})
    assert await instance.wait_for_step_result("charge") == {"charged": 42}
    await instance.wait_for_status("waiting")
    await instance.send_event(type="approved", payload={"by": "ada"})
    await instance.wait_for_status("complete")
    journal = await instance.journal()
    assert journal["output"] == {"order": 42, "by": "ada"}
    assert [s["name"] for s in journal["steps"]] == ["charge", "cool off", "approval"]


async def test_bad_order_errors():
    instance = await create(OrderWorkflow, params={"order": -1})
    await instance.wait_for_status("errored")
    journal = await instance.journal()
    assert journal["steps"][0]["attempts"] == 1
    assert journal["steps"][0]["error"] == {"name": "NonRetryableError", "message": "bad order -1"}


async def test_charge_retries_then_succeeds():
    flow = introspect(OrderWorkflow).mock_step_error("charge", ConnectionError("down"), times=2)
    instance = await flow.mock_event("approved", {"by": "ada"}).disable_sleeps().create(params={"order": 1})
    await instance.wait_for_status("complete")
    assert (await instance.journal())["steps"][0]["attempts"] == 3
