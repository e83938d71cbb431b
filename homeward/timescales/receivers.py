"""The one signal path from the facts to the ledger: a journey event saved or deleted, or a
child's dates changed, recomputes that child's expectations in the same transaction."""

from __future__ import annotations

from typing import Any

from django.db import connections
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from homeward.children.models import Child, JourneyEvent
from homeward.timescales import ledger
from homeward.timescales.models import ChildTimescales


@receiver(post_save, sender=JourneyEvent, dispatch_uid="timescales-event-saved")
def _event_saved(sender: type, instance: JourneyEvent, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # fixtures being loaded: recompute_timescales rebuilds afterwards
        ledger.recompute([instance.child_id])


@receiver(post_delete, sender=JourneyEvent, dispatch_uid="timescales-event-deleted")
def _event_deleted(sender: type, instance: JourneyEvent, origin: Any = None, **kwargs: Any) -> None:
    # Deleting the child deletes its events and its expectations: nothing to recompute.
    if isinstance(origin, Child) or (isinstance(origin, QuerySet) and origin.model is Child):
        return
    ledger.recompute([instance.child_id])


@receiver(post_save, sender=Child, dispatch_uid="timescales-child-saved")
def _child_saved(sender: type, instance: Child, raw: bool = False, **kwargs: Any) -> None:
    # The date of birth and expected date of delivery are facts the rules count from.
    update_fields = kwargs.get("update_fields")
    if raw or (
        update_fields is not None
        and not {"date_of_birth", "expected_date_of_delivery"} & set(update_fields)
    ):
        return
    ledger.recompute([instance.pk])


def fill_when_created(using: str = "default", **kwargs: Any) -> None:
    """After ``migrate``: every child with no stored timescales gets them, with the models as
    they are now. That is the whole council when the ledger was just created, and the children
    whose rows a data migration removed because it changed their events (a migration's models
    send no signals here: ``family`` 0003 records the agreement of earlier family time plans)."""
    tables = connections[using].introspection.table_names()
    if ChildTimescales._meta.db_table not in tables:
        return  # migrated back to before the ledger: nothing to fill
    if not ChildTimescales.objects.using(using).exists():
        if Child.objects.using(using).exists():
            ledger.recompute_all()
        return
    missing = list(
        Child.objects.using(using)
        .filter(timescales__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if missing:
        ledger.recompute(missing)
