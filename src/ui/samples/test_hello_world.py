"""Tests of hello_world.py: run them with Run tests in the Tests panel, or `npx workflow-studio test`."""

from hello_world import HelloWorkflow
from workers.testing import create


async def test_greets_by_name():
    instance = await create(HelloWorkflow, params={"name": "Ada"})
    await instance.wait_for_status("complete")
    assert (await instance.status())["output"] == "Hello, Ada!"


async def test_greets_the_world_by_default():
    instance = await create(HelloWorkflow, params={})
    assert await instance.wait_for_step_result("greet") == "Hello, world!"
