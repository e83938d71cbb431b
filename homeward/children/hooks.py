"""Where higher apps add to a child's record page without the children app importing them:
each registers a function in its ``AppConfig.ready()`` that gives extra context for the page
(e.g. the SSDA903 app's data-quality notice). Layers point down only (README, "How Homeward is
built")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeward.children.models import Child

RecordContext = Callable[[Child], dict[str, Any]]

_record_context: list[RecordContext] = []


def add_to_record(provider: RecordContext) -> RecordContext:
    """Register ``provider``: its context is added to every child's record page."""
    if provider not in _record_context:
        _record_context.append(provider)
    return provider


def record_context(child: Child) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for provider in _record_context:
        merged.update(provider(child))
    return merged
