"""What ``workflow-studio test`` (src/cli/test-command.ts, through src/runtime/test-host.ts) calls. Not for user code.

- ``rewrite_asserts(source, filename)``: the module's AST with each ``assert`` rewritten, as pytest does, so a
  failure names the values of the compared sub-expressions (``assert x + 1 == 43`` fails with
  ``assert 42 == 43``). Installed as ``_host.source_transform`` while test files load; line numbers are kept.
- ``list_tests(filename)``: the ``test_*`` functions of the newest module loaded from ``filename``.
- ``start_test(filename, name, host)``: runs one test as an asyncio Task (awaiting it when it is async) and
  reports through ``host.passed()`` / ``host.failed(json)``.
- ``idle()``: the host calls it at each idle point (engine and Python settled); it wakes the ``wait_for_*``
  calls of ``workers.testing``, which then look again. Returns how many it woke.
"""

import ast
import asyncio
import inspect
import json
import traceback

from . import _context, _host
from ._bindings import Env

_waiters = []  # (future, description): wait_for_* calls waiting for the next idle point
current = None  # the JS host of the running test (workers.testing reads the journal through it)

_OPS = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
}


def _repr(value):
    text = repr(value)
    return text if len(text) <= 240 else text[:237] + "..."


def assertion_message(values, ops, source, msg):
    """``assert 42 == 43`` (each operand's value), then the source when it differs, then the user's message."""
    if ops:
        parts = [_repr(values[0])]
        for op, value in zip(ops, values[1:]):
            parts += [op, _repr(value)]
        shown = "assert " + " ".join(parts)
    else:
        shown = f"assert {_repr(values[0])}"
    lines = [shown]
    if source and source != shown[len("assert ") :]:
        lines.append(f"  where: {source}")
    if msg is not None:
        lines.insert(0, str(msg))
    return "\n".join(lines)


class _AssertRewriter(ast.NodeTransformer):
    def __init__(self, source):
        self.source = source
        self.n = 0

    def _temp(self):
        self.n += 1
        return f"@ws_{self.n}"  # not a valid identifier in source: never collides with user names

    def visit_Assert(self, node):  # noqa: N802 - ast.NodeTransformer's naming
        test = node.test
        text = ast.get_source_segment(self.source, test) or ast.unparse(test)
        body = []
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in _OPS:
            left, right = self._temp(), self._temp()
            body.append(ast.Assign(targets=[ast.Name(left, ast.Store())], value=test.left))
            body.append(ast.Assign(targets=[ast.Name(right, ast.Store())], value=test.comparators[0]))
            check = ast.Compare(ast.Name(left, ast.Load()), test.ops, [ast.Name(right, ast.Load())])
            values = [ast.Name(left, ast.Load()), ast.Name(right, ast.Load())]
            ops = [_OPS[type(test.ops[0])]]
        else:
            value = self._temp()
            body.append(ast.Assign(targets=[ast.Name(value, ast.Store())], value=test))
            check = ast.Name(value, ast.Load())
            values = [ast.Name(value, ast.Load())]
            ops = []
        # __import__ with a fromlist returns the submodule itself, whatever names the test module defines.
        host = ast.Call(
            ast.Name("__import__", ast.Load()),
            [ast.Constant("workers._test_host")],
            [ast.keyword("fromlist", ast.List([ast.Constant("assertion_message")], ast.Load()))],
        )
        message = ast.Call(
            func=ast.Attribute(host, "assertion_message", ast.Load()),
            args=[
                ast.List(values, ast.Load()),
                ast.Constant(tuple(ops)),
                ast.Constant(text),
                node.msg if node.msg is not None else ast.Constant(None),
            ],
            keywords=[],
        )
        raise_ = ast.Raise(ast.Call(ast.Name("AssertionError", ast.Load()), [message], []), None)
        body.append(ast.If(ast.UnaryOp(ast.Not(), check), [raise_], []))
        for stmt in body:
            ast.copy_location(stmt, node)
        for stmt in body:
            for child in ast.walk(stmt):
                if not hasattr(child, "lineno") or child.lineno is None:
                    ast.copy_location(child, node)
        return body


def rewrite_asserts(source, filename):
    """The module's AST with every ``assert`` rewritten (a SyntaxError propagates, as compile() raises it)."""
    tree = ast.parse(source, filename)
    tree = _AssertRewriter(source).visit(tree)
    return ast.fix_missing_locations(tree)


def set_rewriting(on):
    _host.source_transform = rewrite_asserts if on else None


def _loaded(filename):
    found = [m for m in _host._modules.values() if getattr(m.module, "__file__", None) == filename]
    if not found:
        raise LookupError(f"{filename} is not loaded")
    return max(found, key=lambda m: m.key)


def _module(filename):
    return _loaded(filename).module


def list_tests(filename):
    """JSON ``[{"name", "line"}]``: the module's own ``test_*`` functions, in definition order."""
    module = _module(filename)
    tests = []
    for name, value in list(module.__dict__.items()):
        if name.startswith("test_") and inspect.isfunction(value) and value.__module__ == module.__name__:
            tests.append({"name": name, "line": value.__code__.co_firstlineno})
    return json.dumps(tests)


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
    message = str(exc) if isinstance(exc, AssertionError) else f"{type(exc).__name__}: {exc}"
    return json.dumps({"name": type(exc).__name__, "message": message, "line": line, "traceback": text})


async def _run(func, filename, host):
    global current
    current = host
    loaded = _loaded(filename)
    # ``workers.env`` in a test is the file's env (its workflow bindings and the --env declaration).
    _context.current_env.set(Env(loaded.env_host, loaded.binding_names))
    try:
        result = func()
        if inspect.isawaitable(result):
            await result
    except BaseException as exc:  # noqa: BLE001 - every failure of the test is the report's to show
        host.failed(_failure(exc, filename))
    else:
        host.passed()
    finally:
        current = None


def start_test(filename, name, host):
    func = getattr(_module(filename), name)
    asyncio.get_event_loop().create_task(_run(func, filename, host))


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
    from . import testing

    testing.reset()
