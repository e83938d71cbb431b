"""The triggers: a referral to the Achieving Early Permanence Panel, a planned meeting and an IRO
escalation each queue their emails (homeward.domain.notifications says to whom and why). The
panels and meetings apps know nothing of notifications: Django's ``post_save`` signal tells this
app, which sits beside them in the capability layer, when a row is added."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse

from homeward.accounts.models import Role, User
from homeward.children.models import Allocation, Child
from homeward.domain import notifications as rules
from homeward.domain.calendar import govuk_date
from homeward.meetings.models import Escalation, Meeting
from homeward.meetings.services import meeting_type
from homeward.notifications import services
from homeward.panels.models import Referral

logger = logging.getLogger("homeward.notifications")


def never_blocks_the_work(trigger: Callable[..., None]) -> Callable[..., None]:
    """A trigger that goes wrong (a bug, a database error in its own savepoint) is logged and
    the work that triggered it is saved all the same (issue 18 item 3)."""

    @wraps(trigger)
    def guarded(*args: Any, **kwargs: Any) -> None:
        try:
            with transaction.atomic():
                trigger(*args, **kwargs)
        except Exception:
            logger.exception("Notification trigger %s failed", trigger.__name__)

    return guarded


def allocated(child: Child, roles: tuple[str, ...] | frozenset[str]) -> list[User]:
    """The child's current people in ``roles``: their social worker, the team managers of their
    team, their IRO."""
    allocation = (
        Allocation.objects.filter(child=child, ended_on__isnull=True)
        .select_related("social_worker", "iro")
        .order_by("-pk")
        .first()
    )
    if allocation is None:
        return []
    people: list[User] = []
    if "social_worker" in roles and allocation.social_worker is not None:
        people.append(allocation.social_worker)
    if "team_manager" in roles and allocation.team_id is not None:
        people.extend(
            User.objects.filter(
                role=Role.TEAM_MANAGER, teams=allocation.team_id, is_active=True
            ).order_by("pk")
        )
    if "iro" in roles and allocation.iro is not None:
        people.append(allocation.iro)
    return people


@receiver(post_save, sender=Referral, dispatch_uid="notifications-aepp-invitation")
@never_blocks_the_work
def invite_to_the_panel(
    sender: Any, instance: Referral, created: bool, raw: bool = False, **kw: Any
) -> None:
    """The panel's invitation to the child's social worker (and, from the weekly admissions
    report, their team manager): 001 'Notification via weekly admissions report'."""
    if not created or raw:
        return
    roles = rules.AEPP_INVITEES.get(instance.route, ())
    services.queue(
        rules.AEPP_INVITATION,
        allocated(instance.child, roles),
        link_path=reverse("panels:child", args=[instance.child.child_id]),
        personalisation={"panel_date": govuk_date(instance.panel.date)},
        exclude=instance.referred_by,
    )


@receiver(post_save, sender=Meeting, dispatch_uid="notifications-meeting-invitation")
@never_blocks_the_work
def invite_to_the_meeting(
    sender: Any, instance: Meeting, created: bool, raw: bool = False, **kw: Any
) -> None:
    """A meeting planned: its chair and the child's allocated people the meeting type expects
    (its attendees that are not only "where appropriate")."""
    if not created or raw or instance.status != Meeting.Status.PLANNED or not instance.planned_on:
        return
    try:
        mtype = meeting_type(instance.type)
    except ValidationError:  # a type this council does not hold: no one to invite
        return
    roles = frozenset(
        a.role
        for a in mtype.attendees
        if a.role in rules.ALLOCATED_ROLES and not a.where_appropriate
    )
    people = allocated(instance.child, roles)
    if instance.chair is not None:
        people.insert(0, instance.chair)
    services.queue(
        rules.MEETING_INVITATION,
        people,
        link_path=reverse("meetings:meeting", args=[instance.child.child_id, instance.pk]),
        personalisation={"meeting": mtype.name, "meeting_date": govuk_date(instance.planned_on)},
        exclude=instance.created_by,
    )


@receiver(post_save, sender=Escalation, dispatch_uid="notifications-escalation")
@never_blocks_the_work
def tell_of_the_escalation(
    sender: Any, instance: Escalation, created: bool, raw: bool = False, **kw: Any
) -> None:
    """An escalation raised, or taken to its next stage: the child's IRO and manager."""
    if not created or raw:
        return
    services.queue(
        rules.ESCALATION,
        allocated(instance.child, rules.ESCALATION_RECIPIENTS),
        link_path=reverse("meetings:child-meetings", args=[instance.child.child_id]),
        personalisation={
            "stage": instance.get_stage_display().lower(),
            "respond_by": govuk_date(instance.respond_by),
        },
        exclude=instance.raised_by,
    )
