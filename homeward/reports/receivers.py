"""Every change to a child's journey refreshes their board rows (``stored.refresh``), in the same
transaction: the ledger's ``recomputed`` signal (events, facts, and every bulk writer, once for
the children it touched) and a change of episode (the periods of care and placements the
stability measures read, which the ledger does not)."""

from __future__ import annotations

from typing import Any

from django.db import connections
from django.db.models.signals import post_delete, post_save

from homeward.children.models import Child, Episode
from homeward.reports import stored
from homeward.reports.models import BoardRow
from homeward.timescales import signals as ledger_signals


def _recomputed(sender: type, child_ids: list[int], **kwargs: Any) -> None:
    stored.refresh(child_ids)


ledger_signals.recomputed.connect(_recomputed, dispatch_uid="reports-board-recomputed")


def _episode_changed(
    sender: type, instance: Episode, raw: bool = False, origin: Any = None, **kwargs: Any
) -> None:
    if raw or isinstance(origin, Child) or getattr(origin, "model", None) is Child:
        return
    stored.refresh([instance.child_id])


post_save.connect(_episode_changed, sender=Episode, dispatch_uid="reports-board-episode-saved")
post_delete.connect(_episode_changed, sender=Episode, dispatch_uid="reports-board-episode-deleted")


def fill_when_created(using: str = "default", **kwargs: Any) -> None:
    """After ``migrate``: a council whose board rows were never stored gets them all."""
    if BoardRow._meta.db_table not in connections[using].introspection.table_names():
        return
    if Child.objects.using(using).exists() and not BoardRow.objects.using(using).exists():
        stored.refresh_all()
