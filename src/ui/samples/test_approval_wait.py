"""Tests of approval_wait.py: an event sent by the test, a mocked one, and the one-hour timeout."""

import pytest
from approval_wait import ExpenseWorkflow
from workers.testing import create, introspect


@pytest.fixture
def expense():
    return {"amount": 250}


async def test_approved(expense):
    flow = introspect(ExpenseWorkflow).mock_event("approval", {"approved": True, "by": "ana"})
    instance = await flow.create(params=expense)
    await instance.wait_for_status("complete")
    assert (await instance.status())["output"] == {"approved": True, "by": "ana"}


async def test_waits_for_the_event(expense):
    instance = await create(ExpenseWorkflow, params=expense)
    await instance.wait_for_status("waiting")
    await instance.send_event(type="approval", payload={"approved": False})
    assert await instance.wait_for_step_result("apply_decision") == {"approved": False, "by": "unknown"}


async def test_escalates_after_an_hour_without_answer(expense):
    instance = await create(ExpenseWorkflow, params=expense)
    await instance.wait_for_status("complete")
    output = (await instance.status())["output"]
    print(output["reason"])
    assert output["status"] == "escalated"
