"""Workflow bindings a test folder's ``wrangler.jsonc`` declares (``{"binding": "MY_WORKFLOW", "class_name":
"TestWorkflow"}``): while a test file loads, ``workers._host`` asks :func:`bindings_of` for them, so
``env.MY_WORKFLOW`` creates instances of ``TestWorkflow`` even when the test file does not import the file that
defines it (Cloudflare's tests reach their workflow only through the binding)."""

import importlib
import json

_declared = []  # [{"binding", "className", "module"}] for the test file loading now


def declare(declared_json):
    """Called by the test session around loading one test file (``"[]"`` afterwards)."""
    global _declared
    _declared = json.loads(declared_json)


def bindings_of(module):
    """``{binding: class}`` of the declared workflow bindings, importing the sibling module that defines each."""
    found = {}
    for entry in _declared:
        name = entry["className"]
        cls = module.__dict__.get(name)
        where = entry.get("module")
        if cls is None and where:
            cls = getattr(importlib.import_module(where), name, None)
        if cls is None:
            raise ImportError(
                f"wrangler.jsonc binds {entry['binding']} to class {name}, but "
                f"{f'{where}.py does not define it' if where else 'no .py file beside the test defines it'}"
            )
        found[entry["binding"]] = cls
    return found
