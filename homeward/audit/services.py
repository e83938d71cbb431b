"""Writing audit entries. Every other app records through ``record``."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.http import HttpRequest

from homeward.accounts.actor import Actor, client_address
from homeward.audit.models import AuditAction, AuditEntry

__all__ = ["client_address", "record", "snapshot"]

if TYPE_CHECKING:
    from homeward.accounts.models import User


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
    actor: Actor | None = None,
    request: HttpRequest | None = None,
    user: User | None = None,
    child_id: str = "",
    obj: models.Model | None = None,
    summary: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    username: str = "",
    reason: str = "",
) -> AuditEntry:
    """Write one audit entry. Who acted, and from where, comes from ``actor`` (services) or,
    for the request-level entries (sign-in, refusals, views), from ``request``; ``user``
    names someone else, or someone acting outside a request; ``reason`` is why, where the
    change asks for one."""
    if actor is None and request is not None:
        actor = Actor.from_request(request)
    if user is None and actor is not None:
        user = actor.user
    return AuditEntry.objects.create(
        user=user,
        username=username or (user.get_username() if user else ""),
        action=action,
        child_id=child_id,
        object_type=obj._meta.verbose_name if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        summary=summary[:300],
        reason=reason,
        method=actor.method if actor is not None else "",
        path=actor.path if actor is not None else "",
        ip_address=actor.address if actor is not None else None,
        before=before,
        after=after,
    )
