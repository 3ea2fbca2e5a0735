"""``from workers import env``: on Cloudflare, the Worker's env (its bindings) as a module attribute. Here it is
the env of the test ``workflow-studio test`` runs now — the KV, D1, R2 bindings, vars and secrets declared in the
``wrangler.jsonc`` beside the test file, on storage fresh for each test, and its workflow bindings — so a
``conftest.py`` like Cloudflare's (``@pytest.fixture def env(): return workers.env``) works unchanged."""

from . import _host, _test_host
from ._bindings import Env


class TestEnv:
    """Looks each name up in the running test's env; outside a test, says so."""

    __test__ = False  # not a test class, whatever pytest-style collection sees

    def _env(self):
        filename = _test_host.current_file if _test_host.current is not None else None
        found = [m for m in _host._modules.values() if getattr(m.module, "__file__", None) == filename]
        if filename is None or not found:
            raise RuntimeError(
                "workers.env is the env of the test running now (workflow-studio test); in a workflow use self.env"
            )
        mod = max(found, key=lambda m: m.key)
        return Env(mod.env_host, mod.binding_names)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._env(), name)

    def __dir__(self):
        return dir(self._env())

    def __repr__(self):
        return "<workers.env of the running test>" if _test_host.current is not None else "<workers.env (no test)>"


env = TestEnv()
