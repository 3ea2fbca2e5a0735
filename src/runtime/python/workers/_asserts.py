"""Assert rewriting for ``workflow-studio test``, as pytest does it: each ``assert`` of a test file (and of the
files it imports from its folder) is compiled so that a failure names the values of the compared
sub-expressions (``assert x + 1 == 43`` fails with ``assert 42 == 43``); line numbers are kept.
"""

import ast

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
            [ast.Constant("workers._asserts")],
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
