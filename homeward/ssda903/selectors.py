"""Reads about the SSDA903 return for other pages."""

from __future__ import annotations

from typing import Any

from homeward.children.models import Child
from homeward.ssda903.models import DataQualityFailure, ImportRun


def latest_import() -> ImportRun | None:
    return ImportRun.objects.filter(status=ImportRun.Status.IMPORTED).first()


def failures_for_child(child_id: str) -> list[DataQualityFailure]:
    """The DfE rules this child's data fails in the latest import (the notice on their record)."""
    run = latest_import()
    if run is None:
        return []
    return list(run.failures.filter(child_id=child_id).order_by("rule", "row")[:50])


def dfe_notice(child: Child) -> dict[str, Any]:
    """The record page's notice of DfE rules failed (registered with ``children.hooks``)."""
    return {"dfe_failures": failures_for_child(child.child_id)}
