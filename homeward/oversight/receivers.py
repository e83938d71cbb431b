"""Every change that moves a child's team, pathway or first task due refreshes their drift
facts, in the same transaction (``drift.refresh``). Bulk writers reach it through the ledger's
``recomputed`` signal: they recompute the children they touched, once, at the end."""

from __future__ import annotations

from typing import Any

from django.db import connections
from django.db.models.signals import post_delete, post_save

from homeward.children.models import Allocation, Child, Episode
from homeward.family.models import FamilyTimePlan
from homeward.meetings.models import Action, Meeting
from homeward.oversight import drift, forecasts
from homeward.oversight.models import DriftFacts, StoredForecast
from homeward.panels.models import Outcome, Panel, Referral
from homeward.planning.models import Assessment, PermanenceOption, PermanencePlan
from homeward.timescales import signals as ledger_signals


def _child_of(instance: Any) -> list[int]:
    if isinstance(instance, Outcome):
        return [
            Referral.objects.filter(pk=instance.referral_id)
            .values_list("child_id", flat=True)
            .first()
        ]
    if isinstance(instance, Panel):
        return list(Referral.objects.filter(panel=instance).values_list("child_id", flat=True))
    if isinstance(instance, Action):
        return [
            Meeting.objects.filter(pk=instance.meeting_id)
            .values_list("child_id", flat=True)
            .first()
        ]
    return [instance.child_id]


def _changed(
    sender: type, instance: Any, raw: bool = False, origin: Any = None, **kwargs: Any
) -> None:
    if raw:  # fixtures being loaded: recompute_timescales rebuilds afterwards
        return
    # Deleting the child deletes its facts with it: nothing to refresh.
    if isinstance(origin, Child) or getattr(origin, "model", None) is Child:
        return
    ids = [pk for pk in _child_of(instance) if pk is not None]
    if ids:
        drift.refresh(ids)


for model in (
    Allocation,
    PermanencePlan,
    PermanenceOption,
    Outcome,
    Referral,
    Panel,
    Action,
    Assessment,
    FamilyTimePlan,
):
    uid = f"oversight-drift-{model._meta.label_lower}"
    post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-saved")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-deleted")


def _recomputed(sender: type, child_ids: list[int], **kwargs: Any) -> None:
    drift.refresh(child_ids)
    forecasts.refresh(child_ids)


ledger_signals.recomputed.connect(_recomputed, dispatch_uid="oversight-drift-recomputed")


def _episode_changed(
    sender: type, instance: Episode, raw: bool = False, origin: Any = None, **kwargs: Any
) -> None:
    """An episode says when a period of care began and ended, which the forecasts read: the
    child's are worked out again (the ledger reads only the journey events an episode writes)."""
    if raw or isinstance(origin, Child) or getattr(origin, "model", None) is Child:
        return
    forecasts.refresh([instance.child_id])


post_save.connect(
    _episode_changed, sender=Episode, dispatch_uid="oversight-forecasts-episode-saved"
)
post_delete.connect(
    _episode_changed, sender=Episode, dispatch_uid="oversight-forecasts-episode-deleted"
)


def fill_when_created(using: str = "default", **kwargs: Any) -> None:
    """After ``migrate``: a council whose drift facts were never stored gets them all."""
    if DriftFacts._meta.db_table not in connections[using].introspection.table_names():
        return
    if Child.objects.using(using).exists() and not DriftFacts.objects.using(using).exists():
        drift.refresh_all()
    forecast_table = StoredForecast._meta.db_table
    if forecast_table not in connections[using].introspection.table_names():
        return
    if Child.objects.using(using).exists() and not StoredForecast.objects.using(using).exists():
        forecasts.refresh_all()
