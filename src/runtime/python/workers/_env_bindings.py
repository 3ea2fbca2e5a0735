"""``self.env`` KV namespaces, D1 databases and R2 buckets, with the surface Cloudflare's Python bindings give.

On Cloudflare these are JS objects behind workers-py's binding wrapper: Python keyword arguments arrive as one
last options object (``kv.put(k, v, metadata=m)`` is ``kv.put(k, v, {"metadata": m})``), results come back as
dicts that also allow attribute access, bytes as ``memoryview``, and a failed call raises
``pyodide.ffi.JsException`` with the binding's message. Here the bindings are the host's (TypeScript,
``src/runtime/bindings``): each call goes to ``host.callBinding(name, op, args_json, recorder)`` and is
journaled with the step attempt that made it.
"""

import json

from . import _context
from ._values import JsDict, UnserialisableError, from_json, to_json
from .rpc import _BindingWrapper


def _args(args, kwargs):
    """Positional arguments, then the keywords as one options object (as Pyodide calls a JS function)."""
    values = list(args)
    if kwargs:
        values.append(dict(kwargs))
    return values


class _Binding(_BindingWrapper):
    _type_name = "Binding"

    def __init__(self, host, name):
        self._host = host
        self._name = name

    async def _call(self, op, values):
        try:
            text = to_json(values)
        except UnserialisableError as exc:
            raise TypeError(
                f"{self._type_name}.{op}() arguments must be values Cloudflare can send: {exc.problem['type']} is not"
            ) from None
        return from_json(await self._host.callBinding(self._name, op, text, _context.current_recorder.get()))

    def __bool__(self):
        return True

    def __iter__(self):
        raise TypeError(f"'{self._type_name}' object is not iterable")

    def __len__(self):
        raise TypeError(f"'{self._type_name}' object has no len()")

    def __repr__(self):
        return f"<{self._type_name} {self._name}>"


class KvNamespace(_Binding):
    """``self.env.<KV>``: ``get``, ``getWithMetadata``, ``put``, ``delete``, ``list``."""

    _type_name = "KvNamespace"

    async def get(self, key, *args, **kwargs):
        return await self._call("get", _args((key, *args), kwargs))

    async def getWithMetadata(self, key, *args, **kwargs):  # noqa: N802 - Cloudflare's name
        return await self._call("getWithMetadata", _args((key, *args), kwargs))

    async def put(self, key, value, *args, **kwargs):
        await self._call("put", _args((key, value, *args), kwargs))

    async def delete(self, key):
        await self._call("delete", [key])

    async def list(self, *args, **kwargs):
        return await self._call("list", _args(args, kwargs))


class D1PreparedStatement(_BindingWrapper):
    """``db.prepare(sql)``: ``bind(*values)`` gives a new statement; ``first``, ``all``, ``run``, ``raw`` run it."""

    def __init__(self, db, sql, params=()):
        self._db = db
        self._sql = sql
        self._params = list(params)

    def bind(self, *values):
        return D1PreparedStatement(self._db, self._sql, values)

    def _query(self):
        return {"sql": self._sql, "params": self._params}

    async def _run(self, mode, options=None):
        return await self._db._call("query", [self._query(), mode, options])

    async def first(self, column=None):
        return await self._run("first", column)

    async def all(self):
        return await self._run("all")

    async def run(self):
        return await self._run("run")

    async def raw(self, options=None, **kwargs):
        merged = dict(options or {})
        merged.update(kwargs)
        return await self._run("raw", merged or None)

    def __repr__(self):
        return f"<D1PreparedStatement {self._sql!r}>"


class D1Database(_Binding):
    """``self.env.<DB>``: ``prepare``, ``batch``, ``exec``, ``withSession``."""

    _type_name = "D1Database"

    def prepare(self, sql):
        return D1PreparedStatement(self, sql)

    async def batch(self, statements):
        queries = []
        for statement in statements:
            if not isinstance(statement, D1PreparedStatement):
                raise TypeError(f"batch() takes a list of prepared statements, not {type(statement).__name__}")
            queries.append(statement._query())
        return await self._call("batch", [queries])

    async def exec(self, sql):
        return await self._call("exec", [sql])

    def withSession(self, constraint=None):  # noqa: N802 - Cloudflare's name
        return D1DatabaseSession(self, constraint)


class D1DatabaseSession(_BindingWrapper):
    """``db.withSession()``: the same database (one SQLite, no replicas); a bookmark once it has queried."""

    def __init__(self, db, constraint):
        self._db = db
        self._bookmark = None if constraint in (None, "first-unconstrained", "first-primary") else constraint

    def prepare(self, sql):
        return _SessionStatement(self, D1PreparedStatement(self._db, sql))

    async def batch(self, statements):
        result = await self._db.batch([s._statement if isinstance(s, _SessionStatement) else s for s in statements])
        self._touch()
        return result

    def getBookmark(self):  # noqa: N802 - Cloudflare's name
        return self._bookmark

    def _touch(self):
        if self._bookmark is None:
            self._bookmark = "0000000000000001-00000001-00000000-workflow-studio"


class _SessionStatement(_BindingWrapper):
    def __init__(self, session, statement):
        self._session = session
        self._statement = statement

    def bind(self, *values):
        return _SessionStatement(self._session, self._statement.bind(*values))

    def __getattr__(self, name):
        method = getattr(self._statement, name)

        async def call(*args, **kwargs):
            result = await method(*args, **kwargs)
            self._session._touch()
            return result

        return call


class R2ObjectBody(JsDict):
    """What ``bucket.get`` returns: the object's description (``obj.key``, ``obj["size"]``, …) and its body,
    read once with ``text()``, ``json()``, ``arrayBuffer()`` or ``bytes()``."""

    def _read(self):
        if self["bodyUsed"]:
            raise TypeError("Body has already been used. It can only be used once. Use tee() first if you need to read it twice.")
        self["bodyUsed"] = True
        return bytes(self["body"])

    async def text(self):
        return self._read().decode("utf-8", errors="replace")

    async def json(self):
        return json.loads(self._read().decode("utf-8"))

    async def arrayBuffer(self):  # noqa: N802 - Cloudflare's name
        return memoryview(self._read())

    async def bytes(self):
        return memoryview(self._read())


class R2Bucket(_Binding):
    """``self.env.<BUCKET>``: ``put``, ``get``, ``head``, ``delete``, ``list``; a missing object is ``None``."""

    _type_name = "R2Bucket"

    async def put(self, key, value, *args, **kwargs):
        return await self._call("put", _args((key, value, *args), kwargs))

    async def get(self, key, *args, **kwargs):
        found = await self._call("get", _args((key, *args), kwargs))
        if found is None:
            return None
        body = R2ObjectBody(found)
        body["bodyUsed"] = False
        return body

    async def head(self, key):
        return await self._call("head", [key])

    async def delete(self, keys):
        await self._call("delete", [list(keys) if isinstance(keys, (list, tuple)) else keys])

    async def list(self, *args, **kwargs):
        return await self._call("list", _args(args, kwargs))

    async def createMultipartUpload(self, key, *args, **kwargs):  # noqa: N802 - Cloudflare's name
        return R2MultipartUpload(self, key, _args(args, kwargs))


class R2MultipartUpload(JsDict):
    """``bucket.createMultipartUpload(key, …)``: ``uploadPart(n, data)``, then ``complete(parts)`` writes the
    object (``put`` with the options given at creation) or ``abort()`` drops it. Parts are held by this object
    until then (in memory: a crash before ``complete`` loses them, as an upload Cloudflare never completes)."""

    def __init__(self, bucket, key, options):
        import uuid

        super().__init__(key=key, uploadId=uuid.uuid4().hex)
        self._bucket = bucket
        self._options = options
        self._parts = {}

    async def uploadPart(self, part_number, data):  # noqa: N802 - Cloudflare's name
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        import hashlib

        etag = hashlib.sha256(raw).hexdigest()[:32]
        self._parts[part_number] = (etag, raw)
        return JsDict(partNumber=part_number, etag=etag)

    async def complete(self, parts):
        chunks = []
        for part in parts:
            number = part["partNumber"]
            if number not in self._parts or self._parts[number][0] != part["etag"]:
                raise ValueError(f"completeMultipartUpload: There is no part {number} with that etag. (10025)")
            chunks.append(self._parts[number][1])
        self._parts.clear()
        return await self._bucket.put(self["key"], b"".join(chunks), *self._options)

    async def abort(self):
        self._parts.clear()


_KINDS = {"kv": KvNamespace, "d1": D1Database, "r2": R2Bucket}


def env_entry(host, name):
    """``self.env.NAME`` for a declared binding, var or secret; raises ``KeyError`` when none is declared."""
    describe = getattr(host, "describe", None)
    entry = from_json(describe(name)) if describe is not None else None
    if entry is None:
        raise KeyError(name)
    kind = entry["kind"]
    if kind in _KINDS:
        return _KINDS[kind](host, name)
    return entry["value"]


def declared_names(host):
    names = getattr(host, "names", None)
    return list(from_json(names())) if names is not None else []
