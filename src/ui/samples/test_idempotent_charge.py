"""Tests of idempotent_charge.py. self.env.KV is the one the workflow file declares (Env & bindings); in the
Tests panel it starts empty for each test."""

from idempotent_charge import ChargeWorkflow
from workers import env
from workers.testing import create


async def test_a_crash_after_charging_does_not_charge_twice():
    instance = await create(ChargeWorkflow, params={"order": "A-17", "amount": 42, "crash_after_charge": True})
    await instance.wait_for_status("complete")
    charge = (await instance.journal())["steps"][0]
    assert charge["attempts"] == 2
    assert await instance.wait_for_step_result("audit") == {"receipt": charge["result"], "charges_made": 1}


async def test_a_test_reads_the_kv_the_workflow_wrote():
    assert await env.KV.get("ledger:B-2") is None
    instance = await create(ChargeWorkflow, params={"order": "B-2", "amount": 5})
    await instance.wait_for_status("complete")
    assert await env.KV.get("ledger:B-2") == "1"
    assert (await env.KV.get("charged:B-2", "json"))["charge"] == "ch_B-2_1"
