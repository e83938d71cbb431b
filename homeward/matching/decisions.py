"""Writes for matching a child (issue 15 item 4), each in one transaction and audited
(homeward/audit/services.py ``record``): the child's matching profile, and the worker's
decision on a carer (shortlist, reject with a reason, add one the ranking missed with why).
Decisions are append-only: a later one on the same carer supersedes the earlier, which is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.accounts.actor import Actor
from homeward.audit.models import AuditAction
from homeward.audit.services import record, snapshot
from homeward.children.models import Child
from homeward.matching.models import Carer, MatchDecision, MatchingProfile


@transaction.atomic
def save_profile(profile: MatchingProfile, *, actor: Actor) -> MatchingProfile:
    """Add or change the child's matching profile, with the values before and after."""
    adding = profile.pk is None
    before = None
    if not adding:
        before = snapshot(MatchingProfile.objects.select_for_update().get(pk=profile.pk))
    profile.updated_by = actor.user
    profile.save()
    record(
        AuditAction.CREATE if adding else AuditAction.CHANGE,
        actor=actor,
        child_id=profile.child.child_id,
        obj=profile,
        summary=("Added" if adding else "Changed") + " the matching profile",
        before=before,
        after=snapshot(profile),
    )
    return profile


def decision_problems(values: Mapping[str, Any]) -> dict[str, str]:
    """What is wrong with a decision, by field (the form and the service ask the same)."""
    decision, reason = values.get("decision"), str(values.get("reason") or "").strip()
    if decision == MatchDecision.Decision.REJECT and not reason:
        return {"reason": "Enter why the carer is rejected"}
    if decision == MatchDecision.Decision.ADD and not reason:
        return {"reason": "Enter why the carer is added when the ranking did not put them forward"}
    return {}


SUMMARIES = {
    MatchDecision.Decision.SHORTLIST: "Shortlisted carer {carer} for matching",
    MatchDecision.Decision.REJECT: "Rejected carer {carer} for matching",
    MatchDecision.Decision.ADD: "Added carer {carer} for matching, where the ranking missed them",
}


@transaction.atomic
def record_decision(
    child: Child, carer: Carer, *, decision: str, reason: str, actor: Actor
) -> MatchDecision:
    """Record one decision on a carer for the child; it supersedes any earlier one on that carer
    (kept in the history)."""
    reason = reason.strip()
    found = decision_problems({"decision": decision, "reason": reason})
    if found:
        raise ValidationError(found)
    if decision not in MatchDecision.Decision.values:
        raise ValidationError({"decision": "Select shortlist, reject or add"})
    Child.objects.select_for_update().filter(pk=child.pk).first()  # one decision at a time
    earlier = MatchDecision.objects.filter(child=child, carer=carer).order_by("-at", "-pk").first()
    made = MatchDecision.objects.create(
        child=child,
        carer=carer,
        decision=decision,
        reason=reason,
        by=actor.user,
        at=timezone.now(),
    )
    summary = SUMMARIES[made.decision].format(carer=carer.reference)
    if earlier is not None:
        summary += f" (supersedes: {earlier.get_decision_display().lower()})"
    record(
        AuditAction.CREATE,
        actor=actor,
        child_id=child.child_id,
        obj=made,
        summary=summary,
        reason=reason,
        before=snapshot(earlier) if earlier is not None else None,
        after=snapshot(made),
    )
    return made
