"""Ralph 5.1.0's LRS app with the two fixes its `fs` backend needs.

Run inside Ralph's own venv (``.venv-ralph``), never the project's::

    RALPH_RUNSERVER_BACKEND=fs python -m uvicorn ralph_shim:app --app-dir tests/support

1. The fs backend opens its statements file in CREATE mode, so every write after the first
   fails with 500 ("... already exists and overwrite is not allowed"): write in APPEND mode.
2. ``?verb=`` and ``?activity=`` never match: the query model hands the filters an ``IRI``
   (a pydantic RootModel) that is compared with the ``str`` ids of the stored statements.
   Coerce them to ``str`` first.
"""

from __future__ import annotations

from typing import Any

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

_filter_by_verb = FSLRSBackend._add_filter_by_verb
_filter_by_activity = FSLRSBackend._add_filter_by_activity


def _add_filter_by_verb(filters: list[Any], verb_id: Any) -> None:
    _filter_by_verb(filters, None if verb_id is None else str(verb_id))


def _add_filter_by_activity(filters: list[Any], object_id: Any, related: Any) -> None:
    _filter_by_activity(filters, None if object_id is None else str(object_id), related)


FSLRSBackend._add_filter_by_verb = staticmethod(_add_filter_by_verb)
FSLRSBackend._add_filter_by_activity = staticmethod(_add_filter_by_activity)

from ralph.api import app  # noqa: E402  (after the patches: the app builds its backend on import)

__all__ = ["app"]
