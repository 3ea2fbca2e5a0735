"""What ``workflow-studio test`` (src/cli/test-command.ts, through src/runtime/test-host.ts) calls. Not for user code.

- ``set_rewriting(on)``: while on, modules loaded get their asserts rewritten (``workers._asserts``).
- ``load_conftest(source, filename)``: imports a ``conftest.py`` (its fixtures serve the test files below it).
- ``set_sources(lookup)``: ``import NAME`` in a test file finds a sibling file through ``lookup(NAME)`` (JSON
  ``[filename, source]`` or None), as pytest's rootdir on ``sys.path`` does; its workflow classes count as the
  test module's own (``_host.shared_modules``), so ``create(OrderWorkflow)`` runs them.
- ``collect_tests(filename, conftests_json)``: the test items of the newest module loaded from ``filename``
  (``workers._collect``): JSON ``[{"name", "line", "skip"}]``, a parametrized test once per row.
- ``start_test(filename, name, host)``: runs one item as an asyncio Task with its fixtures (awaiting it when it
  is async), its prints captured, and reports ``host.finished(json)``: ``{"outcome", "failure", "output"}``.
- ``finish_scope(scope, filename, host)``: tears down the module fixtures after a file's last test, or the
  session's at the end; reports ``host.finished(json failure or "null")``.
- ``unsupported()``: JSON list of the pytest features met that the shim does not run (each once).
- ``idle()``: the host calls it at each idle point (engine and Python settled); it wakes the ``wait_for_*``
  calls of ``workers.testing``, which then look again. Returns how many it woke.
"""

import asyncio
import contextvars
import importlib.abc
import importlib.util
import inspect
import json
import linecache
import sys
import traceback
import types

from . import _clock, _collect, _context, _host, _pytest, _stdout
from ._asserts import rewrite_asserts
from ._bindings import Env

sys.modules.setdefault("pytest", _pytest)  # test files written for pytest import ours

_waiters = []  # (future, description): wait_for_* calls waiting for the next idle point
current = None  # the JS host of the running test (workers.testing reads the journal through it)
created = {}  # instance id -> the file of its workflow class, for the instances the running test created


def set_rewriting(on):
    _host.source_transform = rewrite_asserts if on else None


def _loaded(filename):
    found = [m for m in _host._modules.values() if getattr(m.module, "__file__", None) == filename]
    if not found:
        raise LookupError(f"{filename} is not loaded")
    return max(found, key=lambda m: m.key)


def _module(filename):
    return _loaded(filename).module


_conftests = {}  # filename -> module
_items = {}  # test filename -> (module, conftest modules, {item id: Item})
_fixtures = _collect.Fixtures()


def _load_error(exc, kind, filename):
    return json.dumps(
        {
            "ok": False,
            "kind": kind,
            "name": type(exc).__name__,
            "message": getattr(exc, "msg", None) if kind == "syntax" else str(exc),
            "line": getattr(exc, "lineno", None) if kind == "syntax" else _host._error_line(exc, filename),
            "column": getattr(exc, "offset", None) if kind == "syntax" else None,
            "traceback": traceback.format_exc(),
        }
    )


def load_conftest(source, filename):
    """Imports a conftest.py; JSON ``{"ok": true}`` or the error as ``load_module`` reports one."""
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        code = compile(rewrite_asserts(source, filename), filename, "exec")
    except SyntaxError as exc:
        return _load_error(exc, "syntax", filename)
    module = types.ModuleType("conftest")
    module.__file__ = filename
    try:
        exec(code, module.__dict__)
    except BaseException as exc:  # noqa: BLE001 - the user's to see
        return _load_error(exc, "import", filename)
    _conftests[filename] = module
    return json.dumps({"ok": True})


_lookup = None  # JS: module name -> JSON [filename, source] or None
_siblings = set()  # module names the sibling finder imported


class _SiblingLoader(importlib.abc.Loader):
    def __init__(self, filename, source):
        self.filename = filename
        self.source = source

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.__file__ = self.filename
        linecache.cache[self.filename] = (len(self.source), None, self.source.splitlines(True), self.filename)
        _siblings.add(module.__name__)
        _host.shared_modules.add(module.__name__)
        exec(compile(rewrite_asserts(self.source, self.filename), self.filename, "exec"), module.__dict__)


class _Loaded(importlib.abc.Loader):
    def __init__(self, module):
        self.module = module

    def create_module(self, spec):
        return self.module

    def exec_module(self, module):
        pass


class _SiblingFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if _lookup is None or "." in fullname:
            return None
        found = _lookup(fullname)
        if found is None:
            return None
        filename, source = json.loads(found)
        if filename in _conftests:  # ``from conftest import x`` gets the conftest the fixtures came from
            return importlib.util.spec_from_loader(fullname, _Loaded(_conftests[filename]), origin=filename)
        return importlib.util.spec_from_loader(fullname, _SiblingLoader(filename, source), origin=filename)


if not any(isinstance(f, _SiblingFinder) for f in sys.meta_path):
    sys.meta_path.append(_SiblingFinder())


def set_sources(lookup):
    """Sets the sibling lookup (None: none) and forgets the siblings imported so far, so edits are seen."""
    global _lookup
    _lookup = lookup
    for name in _siblings:
        sys.modules.pop(name, None)
        _host.shared_modules.discard(name)
    _siblings.clear()
    _conftests.clear()
    _items.clear()
    _pytest.unsupported.clear()


def collect_tests(filename, conftests_json):
    """JSON ``[{"name", "line", "skip", "sharedEnv"?}]``: the file's test items in definition order."""
    module = _module(filename)
    conftests = [_conftests[c] for c in json.loads(conftests_json) if c in _conftests]
    try:
        items = _collect.collect(module, conftests)
    except Exception as exc:  # noqa: BLE001 - bad parametrize input: the file cannot run, the report says why
        return json.dumps({"error": f"{type(exc).__name__}: {exc}"})
    _items[filename] = (module, conftests, {item.id: item for item in items})
    return json.dumps(
        [
            {
                "name": i.id,
                "line": i.func.__code__.co_firstlineno,
                "skip": i.skip,
                **({"sharedEnv": True} if any(m.name == "shared_env" for m in i.marks) else {}),
            }
            for i in items
        ]
    )


def unsupported():
    return json.dumps(_pytest.unsupported)


def _failure(exc, filename):
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    frames = traceback.format_exception(type(exc), exc, exc.__traceback__)
    # Drop this module's own frame (the first after the header): the user's code starts below it.
    text = "".join(frames[:1] + frames[2:]) if len(frames) > 2 else "".join(frames)
    if isinstance(exc, AssertionError):
        message = str(exc)
    elif isinstance(exc, _pytest.Failed):
        message = f"Failed: {exc.msg}"
    else:
        message = f"{type(exc).__name__}: {exc}"
    return {"name": type(exc).__name__, "message": message, "line": line, "traceback": text}


_task = None  # the running test's Task


async def _run(item, module, conftests, filename, host, capture):
    global current
    current = host
    outcome, failure = "passed", None
    scope = _collect.Scope()
    try:
        try:
            result = item.func(**await _fixtures.arguments(item, module, conftests, scope))
            if inspect.isawaitable(result):
                await result
        finally:
            await scope.finish()
    except _pytest.Skipped as exc:
        outcome, failure = "skipped", _skipped(exc.msg)
    except BaseException as exc:  # noqa: BLE001 - every failure of the test is the report's to show
        outcome, failure = "failed", _failure(exc, filename)
    if current is host:  # else the host gave up on this test (timeout) and reset
        current = None
        _stdout.tee = None
        end = {"outcome": outcome, "failure": failure, "output": "".join(capture.parts), "files": dict(created)}
        end["classFiles"] = _class_files(module)
        host.finished(json.dumps(end))


def _class_files(module):
    """workflowName -> the file defining its class, for the workflows of the test module (those of its
    wrangler.jsonc bindings included): the history command of an instance made through ``env.BINDING``."""
    found = [m for m in _host._modules.values() if m.module is module]
    if not found:
        return {}
    return {
        _host.kebab_case(name): getattr(sys.modules.get(cls.__module__), "__file__", None)
        for name, cls in found[0].classes.items()
    }


def _skipped(reason):
    return {"name": "Skipped", "message": reason, "line": None, "traceback": ""}


def start_test(filename, name, host):
    global _task
    timer = getattr(host, "timer", None)  # the test's virtual clock (workers/_clock.py: asyncio.sleep in tests)
    _clock.test_timer = None if timer is None else (lambda ms: timer(ms))
    module, conftests, items = _items[filename]
    item = items[name]
    if item.skip is not None:
        host.finished(json.dumps({"outcome": "skipped", "failure": _skipped(item.skip), "output": ""}))
        return
    capture = _stdout.Capture()
    _stdout.tee = capture
    context = contextvars.Context()
    context.run(_context.current_sink.set, capture)
    # ``workers.env`` in a test (and its fixtures) is the file's env: its workflow bindings and the --env declaration.
    loaded = _loaded(filename)
    context.run(_context.current_env.set, Env(loaded.env_host, loaded.binding_names))
    _task = asyncio.get_event_loop().create_task(
        _run(item, module, conftests, filename, host, capture), context=context
    )


def captured():
    """What the running test printed so far (a timed-out test's report shows it)."""
    tee = _stdout.tee
    return "".join(tee.parts) if isinstance(tee, _stdout.Capture) else ""


async def _finish(scope, filename, host):
    try:
        await _fixtures.scopes[scope].finish()
    except BaseException as exc:  # noqa: BLE001 - a teardown failure is the report's to show
        host.finished(json.dumps(_failure(exc, filename)))
    else:
        host.finished("null")


def finish_scope(scope, filename, host):
    """Tears down the fixtures of ``scope`` ("module" after a file's last test, "session" at the end);
    reports ``host.finished(json failure or "null")``."""
    _items.pop(filename, None)
    asyncio.get_event_loop().create_task(_finish(scope, filename, host))


async def next_idle(description):
    """Waits for the host's next idle point (see ``idle``)."""
    future = asyncio.get_event_loop().create_future()
    _waiters.append((future, description))
    await future


def idle():
    woken = 0
    while _waiters:
        future, _ = _waiters.pop(0)
        if not future.done():
            future.set_result(None)
            woken += 1
    return woken


def waiting():
    """JSON list of what the pending ``wait_for_*`` calls wait for (for a stuck test's message)."""
    return json.dumps([d for f, d in _waiters if not f.done()])


def reset():
    """Cancels what a finished (or timed-out) test left waiting."""
    global current
    for future, _ in _waiters:
        if not future.done():
            future.cancel()
    _waiters.clear()
    current = None
    _clock.test_timer = None
    created.clear()
    _stdout.tee = None
    if _task is not None and not _task.done():
        _task.cancel()  # its function-scope teardowns run as it unwinds; it reports nothing
    from . import testing

    testing.reset()
