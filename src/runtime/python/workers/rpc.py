"""``workers.rpc``: the names of workers-py's binding wrappers, which code (and Cloudflare's own binding tests)
checks with ``isinstance``. Every ``self.env`` binding object of the studio (KV namespaces, D1 databases and
statements, R2 buckets) is a ``_BindingWrapper``; none is an ``_RpcStubWrapper`` (a callable RPC stub), as on
Cloudflare, where a binding method returning another binding object keeps the plain wrapper.
"""


class _BindingWrapper:
    """Base of the studio's binding objects (``workers._env_bindings``)."""


class _RpcStubWrapper(_BindingWrapper):
    """A function or RpcTarget received over RPC: callable. The studio's bindings never return one."""

    def __call__(self, *args, **kwargs):
        raise TypeError("this RPC stub cannot be called in Workflow Studio")
