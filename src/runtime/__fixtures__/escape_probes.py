# Workflow code trying to reach the studio's storage, network and channels, and the routes around Python's
# `js` module. Every probe runs in its own step and returns what happened: "reached" would be a hole.
import sys

from workers import WorkflowEntrypoint

PROBES = {
    "js.indexedDB": "import js; js.indexedDB",
    "js.navigator": "import js; js.navigator.storage",
    "js.caches": "import js; js.caches",
    "js.importScripts": "import js; js.importScripts",
    "js.XMLHttpRequest": "import js; js.XMLHttpRequest",
    "js.WebSocket": "import js; js.WebSocket",
    "js.BroadcastChannel": "import js; js.BroadcastChannel",
    "js.Worker": "import js; js.Worker",
    "js.postMessage": "import js; js.postMessage",
    "js.self": "import js; js.self",
    "js.globalThis": "import js; js.globalThis",
    "js.eval": "import js; js.eval",
    "js.Function": "import js; js.Function",
    "js.process": "import js; js.process",
    "js.require": "import js; js.require",
    "from js import": "from js import indexedDB",
    "__import__('js')": "__import__('js').postMessage",
    "sys.modules['js']": "import sys; sys.modules['js'].indexedDB",
    "the raw js proxy": "import js; js._scope.indexedDB",
    "the js finder": "import sys; [f for f in sys.meta_path if hasattr(f, 'jsproxies')][0].jsproxies['js'].indexedDB",
    "constructor.constructor": "import js; js.Object.constructor('return globalThis')()",
    "async constructor": "import js; js.fetch.constructor('return globalThis')()",
    "to_js constructor": "from pyodide.ffi import to_js; to_js({}).constructor.constructor('return globalThis')()",
    "pyodide.ffi proxy": "from pyodide.ffi import create_proxy; create_proxy(print).constructor.constructor('return self')()",
    "pyodide_js._module": "import pyodide_js; pyodide_js._module",
    "pyodide_js.runPython": "import pyodide_js; pyodide_js.runPython",
    "pyodide_js.loadPackage": "import pyodide_js; pyodide_js.loadPackage",
    "pyodide_js._api": "import pyodide_js; pyodide_js._api.runPythonInternal",
    "run_js": "from pyodide.code import run_js; run_js('globalThis')",
    "replace js.fetch": "import js; js.fetch = print",
    "os.system": "import os; os.system('echo reached')",
    "setTimeout(code)": "import js; js.setTimeout('self.close()', 0)",
}


class EscapeProbes(WorkflowEntrypoint):
    async def run(self, event, step):
        results = {}
        for name, code in PROBES.items():

            @step.do(name, config={"retries": {"limit": 0, "delay": 0}})
            async def probe():
                try:
                    exec(code, {})
                except Exception as exc:  # noqa: BLE001 - each probe reports what stopped it
                    return f"{type(exc).__name__}: {exc}"
                return "reached"

            results[name] = await probe()
        return results
