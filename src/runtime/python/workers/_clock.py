"""Time inside a workflow follows the engine's clock.

``time.time()``, ``time.time_ns()``, ``datetime.datetime.now()/utcnow()/today()`` and
``datetime.date.today()`` read the clock of the run they are called from; with the virtual clock,
``asyncio.sleep`` inside a run or step waits on a timer of that clock, so it takes no wall time. Outside any
run everything behaves as usual. The patch is installed once, before user modules are imported, so
``from datetime import datetime`` in user code gets the patched class too.
"""

import asyncio
import datetime as _dt
import time as _time_module

from . import _context

_real_time = _time_module.time
_real_time_ns = _time_module.time_ns
_real_sleep = asyncio.sleep
_RealDatetime = _dt.datetime
_RealDate = _dt.date


def _run_now_ms():
    run = _context.current_run.get()
    if run is None:
        return None
    return run.now_ms()


def _time():
    ms = _run_now_ms()
    return _real_time() if ms is None else ms / 1000


def _time_ns():
    ms = _run_now_ms()
    return _real_time_ns() if ms is None else int(ms * 1_000_000)


class _DatetimeMeta(type):
    # isinstance/issubclass against the patched class accept real datetimes (e.g. results of arithmetic).
    def __instancecheck__(cls, obj):
        return isinstance(obj, _RealDatetime)

    def __subclasscheck__(cls, sub):
        return issubclass(sub, _RealDatetime)


class _DateMeta(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, _RealDate)

    def __subclasscheck__(cls, sub):
        return issubclass(sub, _RealDate)


class datetime(_RealDatetime, metaclass=_DatetimeMeta):  # noqa: N801 - replaces datetime.datetime
    def __repr__(self):
        text = _RealDatetime.__repr__(self)
        return text if text.startswith("datetime.") else "datetime." + text

    @classmethod
    def now(cls, tz=None):
        ms = _run_now_ms()
        if ms is None:
            return _RealDatetime.now(tz)
        return _RealDatetime.fromtimestamp(ms / 1000, tz)

    @classmethod
    def utcnow(cls):
        ms = _run_now_ms()
        if ms is None:
            return _RealDatetime.now(_dt.timezone.utc).replace(tzinfo=None)
        return _RealDatetime.fromtimestamp(ms / 1000, _dt.timezone.utc).replace(tzinfo=None)

    @classmethod
    def today(cls):
        return cls.now()


class date(_RealDate, metaclass=_DateMeta):  # noqa: N801 - replaces datetime.date
    def __repr__(self):
        text = _RealDate.__repr__(self)
        return text if text.startswith("datetime.") else "datetime." + text

    @classmethod
    def today(cls):
        ms = _run_now_ms()
        if ms is None:
            return _RealDate.today()
        return _RealDate.fromtimestamp(ms / 1000)


for _cls, _real in ((datetime, _RealDatetime), (date, _RealDate)):
    _cls.__name__ = _real.__name__
    _cls.__qualname__ = _real.__qualname__
    _cls.__module__ = _real.__module__


# While ``workflow-studio test`` runs a test: a function ms -> awaitable on that test's virtual clock, so test
# code that polls (``await asyncio.sleep(0.1)`` between two ``status()`` calls) takes no wall time either.
test_timer = None


async def _sleep(delay, result=None):
    run = _context.current_run.get()
    if run is None and test_timer is not None and delay > 0:
        await test_timer(delay * 1000)
        return result
    if run is None or not run.virtual or delay <= 0:
        return await _real_sleep(delay, result)
    await run.virtual_sleep(delay)
    return result


_installed = False


def install():
    """Patch ``time``, ``datetime`` and ``asyncio.sleep`` (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    _time_module.time = _time
    _time_module.time_ns = _time_ns
    _dt.datetime = datetime
    _dt.date = date
    asyncio.sleep = _sleep
    asyncio.tasks.sleep = _sleep


def real_datetime_class():
    return _RealDatetime
