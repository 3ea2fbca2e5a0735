"""``workers.rpc``: the wrapper classes Cloudflare's Python SDK puts around JS binding objects, so tests that
check ``isinstance(stmt, _BindingWrapper)`` (Cloudflare's own test_d1.py does) see the same answer here. The
studio's bindings are Python classes of their own (``_env_bindings``); they are registered as binding wrappers;
none is an RPC stub (callable service binding), as on Cloudflare."""

import abc

from ._env_bindings import (
    D1Database,
    D1DatabaseSession,
    D1PreparedStatement,
    KvNamespace,
    R2Bucket,
    _SessionStatement,
)


class _BindingWrapper(abc.ABC):  # noqa: B024 - a marker class, as Cloudflare's
    """A JS binding object seen from Python: KV namespaces, D1 databases and statements, R2 buckets."""


class _RpcStubWrapper(_BindingWrapper):  # noqa: B024
    """An RPC stub (a service binding or Durable Object stub): none of the studio's bindings is one."""


for _cls in (KvNamespace, D1Database, D1DatabaseSession, D1PreparedStatement, _SessionStatement, R2Bucket):
    _BindingWrapper.register(_cls)
