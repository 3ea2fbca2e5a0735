# From cloudflare/workers-py packages/runtime-sdk/tests/bindings-test/src/conftest.py at b00837d41fd4d6e8f475a2fe380ee6543344de23 (MIT licence, Copyright (c) Cloudflare, Inc.); unchanged below this line.
# pyright: reportMissingImports=false
import uuid

import pytest

from workers import env as _env


@pytest.fixture
def env():
    return _env


def unique_table_name() -> str:
    """Unique per call"""
    return f"test_{uuid.uuid4().hex[:10]}"
