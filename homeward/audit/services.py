"""Writing audit entries. Every other app records through ``record``."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest

from homeward.audit.models import AuditAction, AuditEntry

if TYPE_CHECKING:
    from homeward.accounts.models import User


def client_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    if getattr(settings, "HOMEWARD_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR") or None


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The concrete field values of a model instance, as JSON-safe values for before/after."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(value, dt.date | dt.datetime):
            value = value.isoformat()
        elif isinstance(value, decimal.Decimal):
            value = str(value)
        values[field.name] = value
    return values


def record(
    action: AuditAction,
    *,
    request: HttpRequest | None = None,
    user: User | None = None,
    child_id: str = "",
    obj: models.Model | None = None,
    summary: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    username: str = "",
) -> AuditEntry:
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user  # type: ignore[assignment]
    return AuditEntry.objects.create(
        user=user,
        username=username or (user.get_username() if user else ""),
        action=action,
        child_id=child_id,
        object_type=obj._meta.verbose_name if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        summary=summary[:300],
        method=request.method or "" if request is not None else "",
        path=request.get_full_path()[:500] if request is not None else "",
        ip_address=client_address(request),
        before=before,
        after=after,
    )
