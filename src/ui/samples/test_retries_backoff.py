"""Tests of retries_backoff.py. Retry delays pass at once: each test runs on a virtual clock."""

import pytest
from retries_backoff import RetryWorkflow
from workers.testing import create, introspect


@pytest.mark.parametrize("fail_times, attempts", [(0, 1), (2, 3), (3, 4)])
async def test_succeeds_after_failures(fail_times, attempts):
    instance = await create(RetryWorkflow, params={"fail_times": fail_times})
    await instance.wait_for_status("complete")
    journal = await instance.journal()
    assert journal["steps"][0]["attempts"] == attempts
    assert journal["output"] == f"stored after {attempts} attempts"


async def test_gives_up_after_four_attempts():
    instance = await create(RetryWorkflow, params={"fail_times": 9})
    await instance.wait_for_status("errored")
    step = (await instance.journal())["steps"][0]
    assert step["attempts"] == 4
    assert step["error"] == {"name": "ConnectionError", "message": "upstream timed out (attempt 4)"}


async def test_a_mocked_result_skips_the_call():
    flow = introspect(RetryWorkflow).mock_step_result("call_flaky_api", {"status": 200, "attempts": 1})
    instance = await flow.create(params={"fail_times": 5})
    assert await instance.wait_for_step_result("store_result") == "stored after 1 attempts"
